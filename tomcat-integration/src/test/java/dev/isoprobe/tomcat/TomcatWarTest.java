/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.servlet.IsoprobeFilter;
import dev.isoprobe.servlet.WarFixture;
import dev.isoprobe.servlet.WarProcess;
import dev.isoprobe.servlet.WarScenario;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAR with only web.xml and isoprobe.properties on real embedded Tomcat 11, as
 * {@code Tomcat.addWebapp} deploys it, with {@link ProbeDrainListener} on the server.
 */
class TomcatWarTest {

  @TempDir
  Path directory;

  private Tomcat tomcat;

  @AfterEach
  void stop() throws Exception {
    if (tomcat != null && tomcat.getServer().getState().isAvailable()) {
      tomcat.stop();
    }
    if (tomcat != null && tomcat.getServer().getState() == LifecycleState.STOPPED) {
      tomcat.destroy();
    }
  }

  @Test
  void webXmlWarAnswersTimesOutAndDrainsBeforeTheConnectorPauses() throws Exception {
    start(WarFixture.write(directory, WarFixture.WEB_XML, WarFixture.PROPERTIES), true);

    WarScenario.run(running());
  }

  @Test
  void sigtermDrainsAnswersTheProbeInFlightThenTheJvmExits() throws Exception {
    Path war = WarFixture.write(directory, WarFixture.WEB_XML, WarFixture.PROPERTIES);
    try (WarProcess process = WarProcess.start(TomcatWarMain.class, war)) {
      WarScenario.run(process);
    }
  }

  @Test
  void theInitializerInstallsTheFilterWhenAsked() throws Exception {
    start(WarFixture.write(directory, WarFixture.WEB_XML_WITHOUT_FILTER,
        WarFixture.PROPERTIES + "isoprobe.register-filter=true\n"), true);

    WarScenario.run(running());
  }

  @Test
  void withoutTheListenerTheWarStillAnswersItsProbesInFlightOnStop() throws Exception {
    Context context = start(WarFixture.write(directory, WarFixture.WEB_XML, WarFixture.PROPERTIES),
        false);
    assertThat(context.getServletContext().getAttribute(ProbeDrainListener.SHUTDOWN_ATTRIBUTE))
        .isNotNull();

    context.stop();

    assertThat(context.getServletContext().getAttribute(ProbeDrainListener.SHUTDOWN_ATTRIBUTE))
        .as("the filter withdrew its shutdown").isNull();
  }

  @Test
  void theListenerAndTheFilterNameOneAttribute() {
    assertThat(ProbeDrainListener.SHUTDOWN_ATTRIBUTE).isEqualTo(IsoprobeFilter.SHUTDOWN_ATTRIBUTE);
  }

  private Context start(Path war, boolean listener) throws Exception {
    tomcat = TomcatWarMain.start(war.toString(), directory.resolve("tomcat").toString(), listener);
    Context context = (Context) tomcat.getHost().findChild("");
    assertThat(context.getState()).as("the WAR started").isEqualTo(LifecycleState.STARTED);
    return context;
  }

  private WarScenario.RunningWar running() {
    return WarScenario.RunningWar.of(tomcat.getConnector().getLocalPort(), () -> {
      // As Catalina's shutdown hook does on SIGTERM.
      tomcat.stop();
      tomcat.destroy();
    });
  }
}
