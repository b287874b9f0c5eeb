/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.servlet.WarFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What a user copies into a container: isoprobe's jars (taken from this build's class path, as
 * Maven resolves them) and the WARs under test.
 */
final class Artifacts {

  /** The test WAR's classes, from isoprobe-servlet-test-support: its check provider and servlets. */
  private static final List<String> WAR_CLASSES = List.of("dev/isoprobe/servlet/HangableDb.class",
      "dev/isoprobe/servlet/AdminServlet.class", "dev/isoprobe/servlet/HelloServlet.class");

  private Artifacts() {}

  /** isoprobe-tomcat's jar, for Tomcat's {@code lib/}. */
  static Path tomcatJar(Path scratch) {
    return jarHolding("dev/isoprobe/tomcat/ProbeDrainListener.class", scratch);
  }

  /** isoprobe-jetty's jar, for the Jetty base's {@code lib/isoprobe/}. */
  static Path jettyJar(Path scratch) {
    return jarHolding("dev/isoprobe/jetty/JettyWebapps.class", scratch);
  }

  /** The Spring Boot WAR of examples/spring-boot-war, as Maven built it. */
  static Path bootWar() {
    Path war = Path.of(System.getProperty("isoprobe.boot.war", "target/wars/none.war"));
    assertThat(war).as("the Boot WAR (built by examples/spring-boot-war)").isRegularFile();
    return war;
  }

  /**
   * Writes the web.xml WAR of the README's quick start as a directory under {@code root}:
   * {@link WarFixture}'s web.xml and isoprobe.properties, isoprobe and SLF4J's API (with no
   * provider, as the README has it) in {@code WEB-INF/lib}, the test check and servlets in
   * {@code WEB-INF/classes}.
   */
  static Path webXmlWar(Path root) throws IOException {
    Path war = WarFixture.write(root, WarFixture.WEB_XML, WarFixture.PROPERTIES);
    Path lib = Files.createDirectories(war.resolve("WEB-INF/lib"));
    Path scratch = Files.createDirectories(root.resolve("jars"));
    for (String resource : List.of("dev/isoprobe/servlet/IsoprobeFilter.class",
        "dev/isoprobe/Probes.class", "dev/isoprobe/shutdown/GracefulShutdown.class",
        "org/slf4j/Logger.class")) {
      Path jar = jarHolding(resource, scratch);
      Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    for (String resource : WAR_CLASSES) {
      Path target = war.resolve("WEB-INF/classes").resolve(resource);
      Files.createDirectories(target.getParent());
      try (InputStream in = resource(resource).openStream()) {
        Files.copy(in, target);
      }
    }
    return war;
  }

  /** Copies the class-path resource {@code name} to {@code target}. */
  static void copyResource(String name, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = resource(name).openStream()) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Copies a directory tree. */
  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static URL resource(String name) {
    URL url = Artifacts.class.getClassLoader().getResource(name);
    assertThat(url).as("%s on the test class path", name).isNotNull();
    return url;
  }

  /**
   * The jar on the class path that holds {@code resource}; a module compiled but not packaged
   * (an IDE's run) is packaged into {@code scratch} first.
   */
  private static Path jarHolding(String resource, Path scratch) {
    URL url = resource(resource);
    try {
      if (url.getProtocol().equals("jar")) {
        String file = url.getPath().substring(0, url.getPath().indexOf("!/"));
        return Path.of(URI.create(file));
      }
      Path classes = Path.of(url.toURI());
      for (int i = resource.split("/").length; i > 0; i--) {
        classes = classes.getParent();
      }
      return jar(classes, scratch.resolve(classes.getParent().getParent().getFileName() + ".jar"));
    } catch (IOException | URISyntaxException | IllegalArgumentException unreadable) {
      throw new IllegalStateException(resource + " at " + url, unreadable);
    }
  }

  private static Path jar(Path classes, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(file);
        Stream<Path> paths = Files.walk(classes)) {
      paths.filter(Files::isRegularFile).forEach(path -> {
        try {
          jar.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
          Files.copy(path, jar);
          jar.closeEntry();
        } catch (IOException failed) {
          throw new UncheckedIOException(failed);
        }
      });
    }
    return target;
  }
}
