/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import static dev.isoprobe.checks.Loopback.ADDRESS;
import static dev.isoprobe.checks.Loopback.DEADLINE;
import static dev.isoprobe.checks.Loopback.GRACE;
import static dev.isoprobe.checks.Loopback.closedByPeer;
import static dev.isoprobe.checks.Loopback.probe;
import static dev.isoprobe.checks.Loopback.probes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.isoprobe.CheckResult;
import dev.isoprobe.LocalProcesses;
import dev.isoprobe.OwnThread;
import dev.isoprobe.Probes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCheckTest {

  private HttpServer server;
  /** The status and body the server answers {@code /health} with. */
  private volatile int status = 200;
  private volatile String body = "{\"status\":\"UP\"}";
  /** The query the server last saw: the check sends the URI as given. */
  private final AtomicReference<String> query = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(ADDRESS, 0), 50);
    server.createContext("/health", exchange -> {
      query.set(exchange.getRequestURI().getRawQuery());
      byte[] bytes = body.getBytes(UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI health() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
  }

  private static boolean probeOnce(HttpCheck check) throws Exception {
    Probes probes = probes(check, DEADLINE);
    try {
      return probe(probes);
    } finally {
      probes.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void upWhenTheStatusIs2xx() throws Exception {
    assertThat(probeOnce(HttpCheck.builder(health()).build())).isTrue();
  }

  @Test
  void downWhenTheStatusIsNotTheExpectedOne() throws Exception {
    status = 503;

    assertThat(probeOnce(HttpCheck.builder(health()).build())).isFalse();
    assertThat(probeOnce(HttpCheck.builder(health()).expectStatus(s -> s == 503).build())).isTrue();
  }

  @Test
  void upOnlyWhenTheBodyMatchesTooWhenAskedTo() throws Exception {
    HttpCheck check = HttpCheck.builder(health()).expectBody(b -> b.contains("\"UP\"")).build();
    assertThat(probeOnce(check)).isTrue();

    body = "{\"status\":\"DOWN\"}";
    assertThat(probeOnce(check)).isFalse();
  }

  @Test
  void failsAgainstAClosedPort() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + LocalProcesses.freePort() + "/health");

    assertThat(probeOnce(HttpCheck.builder(closed).build())).isFalse();
  }

  @Test
  void answeredByTheDeadlineAndTheExchangeAbortedWhenTheServerNeverAnswers() throws Exception {
    try (Silent silent = new Silent()) {
      Probes probes = probes(HttpCheck.builder(silent.uri()).build(), SILENT_DEADLINE);
      try {
        long start = System.nanoTime();
        assertThat(probe(probes)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isLessThan(SILENT_DEADLINE.multipliedBy(4));
        await().atMost(GRACE).until(() -> probes.liveThreads().isEmpty());
        assertThat(closedByPeer(silent.accepted(), GRACE)).as("connection closed by the check")
            .isTrue();
      } finally {
        probes.shutdown(Duration.ofSeconds(2));
      }
    }
  }

  /** Long before the request's own timeout (the deadline, here 30 s), a shutdown ends it. */
  @Test
  void shutdownAbortsAnExchangeWithAServerThatNeverAnswers() throws Exception {
    try (Silent silent = new Silent()) {
      Probes probes = probes(HttpCheck.builder(silent.uri()).build(), Duration.ofSeconds(30));
      CompletableFuture<Boolean> answer = probes.probe("x").orElseThrow();
      Socket accepted = silent.accepted();

      long start = System.nanoTime();
      assertThat(probes.shutdown(Duration.ofSeconds(5))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GRACE.multipliedBy(2));
      assertThat(answer).isCompletedWithValue(false);
      assertThat(closedByPeer(accepted, GRACE)).as("connection closed by the check").isTrue();
    }
  }

  /**
   * The reference for the two tests above: a check that stops waiting at its deadline without
   * cancelling the exchange frees its thread but leaves the connection open, to the server and in
   * the client, for as long as the request has no timeout.
   */
  @Test
  void anExchangeLeftBehindKeepsItsConnectionOpen() throws Exception {
    try (Silent silent = new Silent()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      Probes probes = probes(context -> {
        client.sendAsync(HttpRequest.newBuilder(silent.uri()).build(), BodyHandlers.discarding())
            .get(context.remaining().toMillis(), TimeUnit.MILLISECONDS);
        return CheckResult.up();
      }, SILENT_DEADLINE);
      try {
        assertThat(probe(probes)).isFalse();
        assertThat(closedByPeer(silent.accepted(), GRACE.multipliedBy(2))).isFalse();
      } finally {
        probes.shutdown(Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void detailsAreTheStatusOnlyNeverTheUriOrTheBody() throws Exception {
    status = 204;
    body = "";
    URI secret = URI.create("http://user:s3cret@127.0.0.1:" + server.getAddress().getPort()
        + "/health?token=t0ken");

    CheckResult result = HttpCheck.builder(secret).build()
        .check(new TestContext(Duration.ofSeconds(5)));

    assertThat(result.healthy()).isTrue();
    assertThat(result.details()).isEqualTo(Map.of("status", 204));
    assertThat(query.get()).isEqualTo("token=t0ken");
  }

  @Test
  void detailsOfADownResultAreTheStatusOnly() throws Exception {
    status = 500;
    body = "password=hunter2";

    CheckResult result = HttpCheck.builder(health()).expectBody(b -> true).build()
        .check(new TestContext(Duration.ofSeconds(5)));

    assertThat(result.healthy()).isFalse();
    assertThat(result.details()).isEqualTo(Map.of("status", 500));
  }

  @Test
  void theBuilderRefusesWhatIsNotAnAbsoluteHttpUriWithoutShowingIt() {
    assertThatThrownBy(() -> HttpCheck.builder(null))
        .isInstanceOf(NullPointerException.class).hasMessage("uri");
    assertThatThrownBy(() -> HttpCheck.builder(URI.create("/health?token=t0ken")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri: relative (expected: an absolute http or https URI)");
    assertThatThrownBy(() -> HttpCheck.builder(URI.create("ftp://user:s3cret@db.internal/health")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri: scheme ftp (expected: http or https)");
    assertThatThrownBy(() -> HttpCheck.builder(URI.create("http:///health?token=t0ken")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri: no host (expected: an absolute http or https URI)");
    HttpCheck.Builder builder = HttpCheck.builder(health());
    assertThatThrownBy(() -> builder.expectStatus(null)).hasMessage("status");
    assertThatThrownBy(() -> builder.expectBody(null)).hasMessage("body");
    assertThatThrownBy(() -> builder.client(null)).hasMessage("client");
  }

  /**
   * The deadline against a server that never answers: long enough that the check has connected
   * before it on a loaded machine (at 500 ms a check thread that waited for a core never did),
   * since what these tests look at is the connection it leaves.
   */
  private static final Duration SILENT_DEADLINE = Duration.ofSeconds(2);

  /** An HTTP server that accepts connections, reads nothing and never answers. */
  private static final class Silent implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, ADDRESS);
    private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();

    Silent() throws IOException {
      OwnThread.run("silent-accept", () -> {
        while (!server.isClosed()) {
          accepted.add(server.accept());
        }
      });
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/health");
    }

    /** The next connection a client made, waiting for it. */
    Socket accepted() throws InterruptedException {
      Socket socket = accepted.poll(5, TimeUnit.SECONDS);
      assertThat(socket).as("a connection within 5 s").isNotNull();
      return socket;
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }
}
