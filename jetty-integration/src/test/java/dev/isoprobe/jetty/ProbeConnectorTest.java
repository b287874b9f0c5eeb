/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Probes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProbeConnectorTest {

  private static final int BLOCKING_REQUESTS = 30;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final CountDownLatch release = new CountDownLatch(1);
  private final QueuedThreadPool appPool = new QueuedThreadPool(10, 2);
  private Server server;
  private Probes probes;

  @AfterEach
  void stop() {
    release.countDown();
    LifeCycle.stop(server);
    probes.close();
  }

  @Test
  void answersProbesWhileEveryApplicationThreadIsBusy() throws Exception {
    probes = Probes.builder().build();
    server = new Server(appPool);
    server.setStopTimeout(2_000);
    ServerConnector app = new ServerConnector(server, 1, 1);
    app.setHost("127.0.0.1");
    server.addConnector(app);
    ServerConnector probePort = JettyProbes.addProbeConnector(server, "127.0.0.1", 0);
    ServletContextHandler context = new ServletContextHandler("/");
    JettyProbes.install(context, probes);
    context.addServlet(new ServletHolder(new Blocking()), "/block");
    server.setHandler(context);
    server.start();

    List<CompletableFuture<HttpResponse<String>>> blocked = new ArrayList<>();
    for (int i = 0; i < BLOCKING_REQUESTS; i++) {
      blocked.add(client.sendAsync(request(app, "/block"), HttpResponse.BodyHandlers.ofString()));
    }
    // Saturated: no idle application thread, and work waiting in the application pool's queue.
    await().atMost(Duration.ofSeconds(10))
        .until(() -> appPool.getIdleThreads() == 0 && appPool.getQueueSize() > 0);

    long start = System.nanoTime();
    HttpResponse<String> liveness = client.send(request(probePort, "/livez"), HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).isEqualTo("ok");
    assertThat(took).isLessThan(probes.deadline().plusMillis(300));
    assertThat(appPool.getQueueSize()).isPositive();

    release.countDown();
    for (CompletableFuture<HttpResponse<String>> request : blocked) {
      assertThat(request.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void rejectsAPortOutOfRangeNamingIt() {
    probes = Probes.builder().build();
    server = new Server();

    assertThatThrownBy(() -> JettyProbes.addProbeConnector(server, "127.0.0.1", 70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: 70000 (expected: 0 to 65535)");
  }

  private static HttpRequest request(ServerConnector connector, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + connector.getLocalPort() + path))
        .timeout(Duration.ofSeconds(10)).build();
  }

  private final class Blocking extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      try {
        release.await();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      response.getWriter().write("done");
    }
  }
}
