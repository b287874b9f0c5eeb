/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.CheckResult;
import dev.isoprobe.H2cClient;
import dev.isoprobe.H2cProbesContract;
import dev.isoprobe.OwnThread;
import dev.isoprobe.Probes;
import dev.isoprobe.TestServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.Test;

/**
 * The probes over h2c with prior knowledge on embedded Jetty 12: HTTP/1.1 and
 * {@link HTTP2CServerConnectionFactory} on one connector, isoprobe installed by
 * {@link JettyProbes#install}, so that {@code Server.stop()} drains as in production.
 */
class JettyH2cProbesTest extends H2cProbesContract {

  private static final long STOP_TIMEOUT_MILLIS = 5_000;

  private Server server;
  private Duration drainDelay = Duration.ZERO;
  /** Probed on a probe connector of their own ({@link JettyProbes#addProbeConnector}), with h2c. */
  private boolean onProbeConnector;

  @Override
  protected int start(Probes probes) throws Exception {
    server = new Server();
    server.setStopTimeout(STOP_TIMEOUT_MILLIS);
    HttpConfiguration http = new HttpConfiguration();
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http),
        new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServerConnector probed = connector;
    if (onProbeConnector) {
      probed = JettyProbes.addProbeConnector(server, "127.0.0.1", 0);
      probed.addConnectionFactory(new HTTP2CServerConnectionFactory(new HttpConfiguration()));
    }
    ServletContextHandler context = new ServletContextHandler("/");
    JettyProbes.install(context, probes, drainDelay);
    context.addServlet(new ServletHolder(new TestServer.Hello()), "/hello");
    server.setHandler(context);
    server.start();
    return probed.getLocalPort();
  }

  @Override
  protected void stop() {
    if (server != null) {
      LifeCycle.stop(server);
    }
  }

  @Test
  void stoppingJettyDrainsReadinessOverH2cWhileLivenessAnswersOnTheSameConnection()
      throws Exception {
    drainDelay = Duration.ofSeconds(5); // long, so that the drain outlasts what is asserted in it
    H2cClient h2c = serve(probesWith(ctx -> CheckResult.up(), DEADLINE));
    assertAnswer(h2c.answer("/readyz"), 200, "ok");

    CompletableFuture<Void> stopped = OwnThread.run("stop", () -> LifeCycle.stop(server));
    await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
        .until(() -> h2c.answer("/readyz").status() == 503);

    assertAnswer(h2c.answer("/readyz"), 503, "draining");
    assertAnswer(h2c.answer("/livez"), 200, "ok");
    assertThat(stopped).isNotDone();

    stopped.get(drainDelay.toMillis() + STOP_TIMEOUT_MILLIS + 5_000, TimeUnit.MILLISECONDS);
    assertThat(server.isStopped()).isTrue();
  }

  @Test
  void theProbeConnectorServesH2cOnceGivenTheFactory() throws Exception {
    onProbeConnector = true;
    H2cClient h2c = serve(probesWith(ctx -> CheckResult.up(), DEADLINE));

    assertAnswer(h2c.answer("/readyz"), 200, "ok");
    assertAnswer(h2c.answer("/livez"), 200, "ok");
  }
}
