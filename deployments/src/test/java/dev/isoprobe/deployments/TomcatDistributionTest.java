/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.servlet.WarScenario;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a standalone Tomcat ({@code catalina.sh run}, as a container image runs it) with
 * isoprobe-tomcat in {@code lib/} and {@code ProbeDrainListener} in {@code server.xml}: a web.xml
 * WAR and a Spring Boot WAR each answer, time out a hung check by the deadline, answer readiness
 * 503 {@code draining} for the drain delay while the connector still serves, answer the probe in
 * flight, and the JVM exits ({@link WarScenario}).
 */
class TomcatDistributionTest {

  /** The Boot WAR's settings for {@link WarScenario}, as system properties, which Boot reads. */
  static final Map<String, String> SCENARIO_SETTINGS = Map.of("isoprobe.timeout", "3s",
      "isoprobe.shutdown.drain-delay", "2s", "isoprobe.shutdown.timeout", "1s");

  @TempDir
  Path directory;

  /**
   * The web.xml WAR brings SLF4J's API and no provider, as the README's quick start has it:
   * every isoprobe line is in Tomcat's console all the same, through JULI, its source the
   * category the docs name.
   */
  @Test
  void webXmlWarOnTomcat11DrainsOnSigterm() throws Exception {
    try (ContainerProcess tomcat = StandaloneTomcat.start(
        StandaloneTomcat.home("isoprobe.tomcat11.home"), directory.resolve("base"),
        Artifacts.webXmlWar(directory), Map.of())) {
      scenario(tomcat);
      assertIsoprobeLinesInJuli(tomcat);
    }
  }

  @Test
  void webXmlWarOnTomcat10DrainsOnSigterm() throws Exception {
    try (ContainerProcess tomcat = StandaloneTomcat.start(
        StandaloneTomcat.home("isoprobe.tomcat10.home"), directory.resolve("base"),
        Artifacts.webXmlWar(directory), Map.of())) {
      scenario(tomcat);
      assertIsoprobeLinesInJuli(tomcat);
    }
  }

  /** JULI's OneLineFormatter: {@code date LEVEL [thread] source.method message}. */
  private static void assertIsoprobeLinesInJuli(ContainerProcess tomcat) {
    tomcat.assertLogged(" INFO \\[[^]]+\\] dev\\.isoprobe\\.servlet\\.IsoprobeFilter\\.\\w+ "
        + "isoprobe: serving probes of checks \\[db\\] with \\{");
    tomcat.assertLogged(" WARNING \\[isoprobe-timer-\\d+\\] dev\\.isoprobe\\.checks\\.\\w+ "
        + "check 'db' missed its deadline after \\d+ ms");
    tomcat.assertLogged(" INFO \\[[^]]+\\] dev\\.isoprobe\\.shutdown\\.GracefulShutdown\\.\\w+ "
        + "isoprobe: readiness is draining; waiting PT2S before stopping");
    assertThat(tomcat.console()).doesNotContain("Logs$JdkLogger", "handleNormalizedLoggingCall");
  }

  @Test
  void springBootWarOnTomcat11DrainsOnSigterm() throws Exception {
    try (ContainerProcess tomcat = StandaloneTomcat.start(
        StandaloneTomcat.home("isoprobe.tomcat11.home"), directory.resolve("base"),
        Artifacts.bootWar(), SCENARIO_SETTINGS)) {
      scenario(tomcat);
      assertThat(tomcat.console()).contains("readiness is draining; waiting PT2S before stopping");
    }
  }

  /** Runs {@link WarScenario}, then prints the container's console into this test's report. */
  static void scenario(ContainerProcess container) throws Exception {
    try {
      WarScenario.run(container);
    } finally {
      System.out.println(container.console());
    }
  }
}
