/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.servlet.WarScenario;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the Jetty 12.1 distribution ({@code java -jar start.jar} on a {@code jetty.base},
 * as a container image runs it) with isoprobe's module added: a web.xml WAR and a Spring Boot WAR
 * (ee11; the Boot WAR with {@code ee11-annotations}, which runs its initializer) each answer,
 * time out a hung check, drain for the drain delay while the connector still serves, answer the
 * probe in flight, and the JVM exits ({@link WarScenario}).
 */
class JettyDistributionTest {

  @TempDir
  Path directory;

  /**
   * The web.xml WAR brings SLF4J's API and no provider (Jetty hides its own SLF4J from web
   * applications): every isoprobe line is on Jetty's console all the same, through
   * {@code java.util.logging}'s default console handler, its source the category the docs name.
   */
  @Test
  void webXmlWarOnJettyDrainsOnSigterm() throws Exception {
    try (ContainerProcess jetty = StandaloneJetty.start(StandaloneJetty.home(),
        directory.resolve("base"), Artifacts.webXmlWar(directory),
        List.of("http", "ee11-deploy", "isoprobe"), Map.of())) {
      TomcatDistributionTest.scenario(jetty);
      // The JDK's SimpleFormatter: 'date source method', then 'LEVEL: message'.
      jetty.assertLogged(" dev\\.isoprobe\\.servlet\\.IsoprobeFilter \\w+\\n"
          + "INFO: isoprobe: serving probes of checks \\[db\\] with \\{");
      jetty.assertLogged(" dev\\.isoprobe\\.checks \\w+\\n"
          + "WARNING: check 'db' missed its deadline after \\d+ ms");
      jetty.assertLogged(" dev\\.isoprobe\\.shutdown\\.GracefulShutdown \\w+\\n"
          + "INFO: isoprobe: readiness is draining; waiting PT2S before stopping");
      assertThat(jetty.console()).doesNotContain("Logs$JdkLogger", "handleNormalizedLoggingCall");
    }
  }

  @Test
  void springBootWarOnJettyDrainsOnSigterm() throws Exception {
    try (ContainerProcess jetty = StandaloneJetty.start(StandaloneJetty.home(),
        directory.resolve("base"), Artifacts.bootWar(),
        List.of("http", "ee11-deploy", "ee11-annotations", "isoprobe"),
        TomcatDistributionTest.SCENARIO_SETTINGS)) {
      TomcatDistributionTest.scenario(jetty);
      assertThat(jetty.console()).contains("readiness is draining; waiting PT2S before stopping");
    }
  }
}
