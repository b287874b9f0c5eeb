/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Jetty 12.1 distribution ({@code jetty-home}, unpacked once by the build) with a
 * {@code jetty.base} of its own, set up as docs/deploying.md says: isoprobe's module and XML from
 * isoprobe-jetty's jar, the jar in {@code lib/isoprobe/}, {@code --add-modules}, the WAR as
 * {@code webapps/root}; then {@code java -jar start.jar}, as a container image runs it.
 */
final class StandaloneJetty {

  private static final Pattern STARTED = Pattern.compile("Started (oejs\\.)?Server@");
  private static final Pattern PORT = Pattern.compile("ServerConnector@.*\\{127\\.0\\.0\\.1:(\\d+)\\}");

  private StandaloneJetty() {}

  static Path home() {
    Path home = Path.of(System.getProperty("isoprobe.jetty.home", "target/distributions/none"));
    assertThat(home.resolve("start.jar")).as("jetty-home unpacked by the build").isRegularFile();
    return home;
  }

  /**
   * Sets up {@code base} with {@code modules} added (isoprobe's among them) and {@code war} (a
   * directory or a .war file) as the root application, and starts Jetty on it with
   * {@code systemProperties} on its command line.
   */
  static ContainerProcess start(Path home, Path base, Path war, List<String> modules,
      Map<String, String> systemProperties) throws Exception {
    Files.createDirectories(base);
    Artifacts.copyResource("jetty-base/modules/isoprobe.mod", base.resolve("modules/isoprobe.mod"));
    Artifacts.copyResource("jetty-base/etc/isoprobe.xml", base.resolve("etc/isoprobe.xml"));
    Path lib = Files.createDirectories(base.resolve("lib/isoprobe"));
    Files.copy(Artifacts.jettyJar(base.resolve("scratch")), lib.resolve("isoprobe-jetty.jar"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process add = new ProcessBuilder(java.toString(), "-jar", home.resolve("start.jar").toString(),
        "--add-modules=" + String.join(",", modules))
        .directory(base.toFile()).redirectErrorStream(true)
        .redirectOutput(base.resolve("add-modules.log").toFile()).start();
    assertThat(add.waitFor(120, TimeUnit.SECONDS)).as("--add-modules finished").isTrue();
    assertThat(add.exitValue()).as("--add-modules: %s",
        Files.readString(base.resolve("add-modules.log"))).isZero();
    Path webapps = Files.createDirectories(base.resolve("webapps"));
    if (Files.isDirectory(war)) {
      Artifacts.copyTree(war, webapps.resolve("root"));
    } else {
      Files.copy(war, webapps.resolve("root.war"));
    }
    List<String> command = new ArrayList<>(List.of(java.toString()));
    systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("-jar", home.resolve("start.jar").toString(),
        "jetty.http.host=127.0.0.1", "jetty.http.port=0"));
    return ContainerProcess.start("jetty", command, Map.of(), base, STARTED, PORT);
  }
}
