/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.servlet.IsoprobeFilter;
import dev.isoprobe.servlet.WarFixture;
import dev.isoprobe.servlet.WarProcess;
import dev.isoprobe.servlet.WarScenario;
import java.nio.file.Path;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A WAR with only web.xml and isoprobe.properties in a real Jetty 12 {@code WebAppContext}, ee10
 * and ee11, with {@link JettyWebapps#drainOnStop} on the server: stopped in this JVM, and by
 * SIGTERM in one of its own.
 */
class JettyWarTest {

  @TempDir
  Path directory;

  private Server server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ee10", "ee11"})
  void warAnswersTimesOutAndDrainsBeforeTheConnectorsClose(String ee) throws Exception {
    server = JettyWarMain.start(war().toString(), ee);
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();

    WarScenario.run(WarScenario.RunningWar.of(port, server::stop));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ee10", "ee11"})
  void sigtermDrainsAnswersTheProbeInFlightThenTheJvmExits(String ee) throws Exception {
    try (WarProcess process = WarProcess.start(JettyWarMain.class, war(), ee)) {
      WarScenario.run(process);
    }
  }

  @Test
  void theHookAndTheFilterNameOneAttribute() {
    assertThat(JettyWebapps.SHUTDOWN_ATTRIBUTE).isEqualTo(IsoprobeFilter.SHUTDOWN_ATTRIBUTE);
  }

  private Path war() throws Exception {
    return WarFixture.write(directory, WarFixture.WEB_XML, WarFixture.PROPERTIES);
  }
}
