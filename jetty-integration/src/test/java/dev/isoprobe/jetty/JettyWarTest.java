package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.servlet.IsoprobeFilter;
import dev.isoprobe.servlet.WarFixture;
import dev.isoprobe.servlet.WarScenario;
import java.nio.file.Path;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAR with only web.xml and isoprobe.properties in a real Jetty 12 {@code WebAppContext}, ee10
 * and ee11, with {@link JettyWebapps#drainOnStop} on the server.
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

  @Test
  void ee10WarAnswersTimesOutAndDrainsBeforeTheConnectorsClose() throws Exception {
    org.eclipse.jetty.ee10.webapp.WebAppContext webapp =
        new org.eclipse.jetty.ee10.webapp.WebAppContext(war().toString(), "/");
    WarScenario.run(start(webapp));
  }

  @Test
  void ee11WarAnswersTimesOutAndDrainsBeforeTheConnectorsClose() throws Exception {
    org.eclipse.jetty.ee11.webapp.WebAppContext webapp =
        new org.eclipse.jetty.ee11.webapp.WebAppContext(war().toString(), "/");
    WarScenario.run(start(webapp));
  }

  @Test
  void theHookAndTheFilterNameOneAttribute() {
    assertThat(JettyWebapps.SHUTDOWN_ATTRIBUTE).isEqualTo(IsoprobeFilter.SHUTDOWN_ATTRIBUTE);
  }

  private Path war() throws Exception {
    return WarFixture.write(directory, WarFixture.WEB_XML, WarFixture.PROPERTIES);
  }

  private WarScenario.RunningWar start(Handler webapp) throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    server.setHandler(webapp);
    JettyWebapps.drainOnStop(server);
    server.start();
    assertThat(webapp.isStarted()).as("the WAR started").isTrue();
    int port = connector.getLocalPort();
    return new WarScenario.RunningWar() {
      @Override
      public int port() {
        return port;
      }

      @Override
      public void stop() throws Exception {
        server.stop();
      }
    };
  }
}
