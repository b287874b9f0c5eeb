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

  @Test
  void webXmlWarOnJettyDrainsOnSigterm() throws Exception {
    try (ContainerProcess jetty = StandaloneJetty.start(StandaloneJetty.home(),
        directory.resolve("base"), Artifacts.webXmlWar(directory),
        List.of("http", "ee11-deploy", "isoprobe"), Map.of())) {
      TomcatDistributionTest.scenario(jetty);
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
