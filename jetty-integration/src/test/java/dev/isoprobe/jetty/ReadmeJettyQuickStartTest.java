/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.OwnThread;
import dev.isoprobe.Probes;
import dev.isoprobe.ReadmeBlocks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's Jetty quick start, line for line, run on a real server: the only lines of the
 * test's own in between move it to an ephemeral loopback port. {@link #readmeBlockIsThisCode}
 * fails when the README's block and this code part ways.
 */
class ReadmeJettyQuickStartTest {

  static final Path SOURCE =
      Path.of("src/test/java/dev/isoprobe/jetty/ReadmeJettyQuickStartTest.java");

  private final HttpClient client = HttpClient.newHttpClient();
  private Server server;

  @Test
  void quickStartServesProbesAndDrainsOnStop() throws Exception {
    Probes probes = Probes.builder()
        .check(Check.builder("db", ctx -> CheckResult.up()).build())
        .build();

    Server server = new Server(8080);
    this.server = server;
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.setStopTimeout(10_000);                         // Jetty runs graceful shutdown only when > 0
    server.setStopAtShutdown(true);                        // SIGTERM runs Server.stop()
    ServletContextHandler context = new ServletContextHandler("/");
    JettyProbes.install(context, probes, Duration.ofSeconds(5));   // filter + shutdown, 5 s drain delay
    server.setHandler(context);
    server.start();

    assertThat(get("/readyz?verbose")).startsWith("200 ").contains("[+]db ok");
    long stopAt = System.nanoTime();
    CompletableFuture<Void> stopped = OwnThread.run("stop", () -> LifeCycle.stop(server));
    await().atMost(Duration.ofSeconds(2)).until(() -> get("/readyz").equals("503 draining"));
    assertThat(get("/livez")).startsWith("200 ");
    stopped.get(20, TimeUnit.SECONDS);
    // The drain delay was served in full, and the stop ended within it plus the stop timeout.
    assertThat(Duration.ofNanos(System.nanoTime() - stopAt))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(5)).isLessThan(Duration.ofSeconds(15));
    await().atMost(Duration.ofSeconds(2)).until(() -> probes.liveThreads().isEmpty());
  }

  @Test
  void readmeBlockIsThisCode() throws IOException {
    List<String> block = ReadmeBlocks.marked(SOURCE.toString().replace('\\', '/'));
    assertThat(block).hasSizeLessThan(20).anyMatch(line -> line.contains("JettyProbes.install"));
    ReadmeBlocks.assertInOrder(block, SOURCE);
  }

  private String get(String path) throws IOException, InterruptedException {
    URI uri = URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0])
        .getLocalPort() + path);
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  @AfterEach
  void stop() {
    LifeCycle.stop(server);
  }
}
