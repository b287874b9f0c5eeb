/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A standalone Tomcat from its distribution ({@code CATALINA_HOME}, unpacked once by the build)
 * with a base of its own ({@code CATALINA_BASE}) as docs/deploying.md sets it up: isoprobe-tomcat
 * in {@code lib/}, {@code ProbeDrainListener} in {@code conf/server.xml}, the WAR as
 * {@code webapps/ROOT}; started with {@code catalina.sh run}, as a container image runs it.
 */
final class StandaloneTomcat {

  /** The line server.xml gains, as the README and docs/deploying.md give it. */
  static final String LISTENER = "<Listener className=\"dev.isoprobe.tomcat.ProbeDrainListener\"/>";

  /** The line the HTTP/1.1 connector gains for h2c, as docs/kubernetes.md gives it. */
  static final String H2C = "<UpgradeProtocol className=\"org.apache.coyote.http2.Http2Protocol\"/>";

  private static final Pattern STARTED = Pattern.compile("Server startup in \\[");
  /** Tomcat names a connector on port 0 after the port the kernel gave it. */
  private static final Pattern PORT = Pattern.compile("http-nio-127\\.0\\.0\\.1-auto-\\d+-(\\d+)");

  private StandaloneTomcat() {}

  /** The unpacked distribution named by the system property {@code property}. */
  static Path home(String property) {
    Path home = Path.of(System.getProperty(property, "target/distributions/none"));
    assertThat(home.resolve("bin/catalina.sh")).as("Tomcat unpacked by the build").isRegularFile();
    return home;
  }

  /**
   * Sets up a base under {@code base} with {@code war} (a directory or a .war file) as the root
   * application and starts Tomcat on it, with {@code systemProperties} in {@code CATALINA_OPTS}.
   */
  static ContainerProcess start(Path home, Path base, Path war, Map<String, String> systemProperties)
      throws Exception {
    return start(home, base, war, systemProperties, UnaryOperator.identity());
  }

  /** The same, with {@code moreEdits} applied to server.xml after this class's own. */
  static ContainerProcess start(Path home, Path base, Path war, Map<String, String> systemProperties,
      UnaryOperator<String> moreEdits) throws Exception {
    Artifacts.copyTree(home.resolve("conf"), base.resolve("conf"));
    Path serverXml = base.resolve("conf/server.xml");
    Files.writeString(serverXml, moreEdits.apply(serverXml(Files.readString(serverXml))));
    Path lib = Files.createDirectories(base.resolve("lib"));
    Path jar = Artifacts.tomcatJar(base.resolve("scratch"));
    Files.copy(jar, lib.resolve("isoprobe-tomcat.jar"));
    Path webapps = Files.createDirectories(base.resolve("webapps"));
    if (Files.isDirectory(war)) {
      Artifacts.copyTree(war, webapps.resolve("ROOT"));
    } else {
      Files.copy(war, webapps.resolve("ROOT.war"));
    }
    for (String directory : List.of("logs", "temp", "work")) {
      Files.createDirectories(base.resolve(directory));
    }
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("CATALINA_HOME", home.toString());
    environment.put("CATALINA_BASE", base.toString());
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    List<String> options = new ArrayList<>();
    systemProperties.forEach((key, value) -> options.add("-D" + key + "=" + value));
    environment.put("CATALINA_OPTS", String.join(" ", options));
    return ContainerProcess.start("tomcat", List.of("/bin/sh",
            home.resolve("bin/catalina.sh").toString(), "run"), environment, base, STARTED, PORT);
  }

  /**
   * Adds {@link #H2C} to the HTTP/1.1 connector that {@link #serverXml} set up, as
   * docs/kubernetes.md says: h2c with prior knowledge next to HTTP/1.1 on the one port.
   */
  static String withH2c(String serverXml) {
    String edited = serverXml.replaceFirst(
        "(<Connector port=\"0\" address=\"127\\.0\\.0\\.1\" protocol=\"HTTP/1\\.1\"[^>]*?)\\s*/>",
        "$1>\n      " + H2C + "\n    </Connector>");
    assertThat(edited).as("server.xml edited").contains(H2C + "\n    </Connector>");
    return edited;
  }

  /**
   * The distribution's server.xml with the listener added, no shutdown port, and the HTTP
   * connector on 127.0.0.1 and a port of the kernel's choosing.
   */
  static String serverXml(String original) {
    String edited = original
        .replace("<Server port=\"8005\" shutdown=\"SHUTDOWN\">",
            "<Server port=\"-1\" shutdown=\"SHUTDOWN\">\n  " + LISTENER)
        .replace("<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
            "<Connector port=\"0\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
    assertThat(edited).as("server.xml edited").contains(LISTENER, "address=\"127.0.0.1\"");
    return edited;
  }

}
