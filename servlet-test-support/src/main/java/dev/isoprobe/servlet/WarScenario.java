/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.OwnThread;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What a user of a WAR with {@link WarFixture}'s web.xml and properties sees, on any container:
 * probes answer, a hung check is 503 {@code timeout} by the deadline, and stopping the server
 * gives 503 {@code draining} for the drain delay while liveness and the application are served,
 * then an answer to the probe in flight, then the server gone.
 */
public final class WarScenario {

  /** A started server running the WAR on a loopback port. */
  public interface RunningWar {
    int port();

    /** Stops the server as SIGTERM would, returning when it has stopped. */
    void stop() throws Exception;

    /** A server in this JVM on {@code port}, stopped by {@code stop}. */
    static RunningWar of(int port, Stop stop) {
      return new RunningWar() {
        @Override
        public int port() {
          return port;
        }

        @Override
        public void stop() throws Exception {
          stop.run();
        }
      };
    }
  }

  /** How a server in this JVM stops. */
  @FunctionalInterface
  public interface Stop {
    void run() throws Exception;
  }

  private static final Duration DEADLINE = Duration.ofSeconds(3);
  private static final Duration DRAIN_DELAY = Duration.ofSeconds(2);

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final int port;

  private WarScenario(int port) {
    this.port = port;
  }

  /** Runs the scenario; the server is stopped when it returns. */
  public static void run(RunningWar war) throws Exception {
    try {
      new WarScenario(war.port()).probesTimeOutAndDrain(war);
    } finally {
      HangableDb.heal();
    }
  }

  private void probesTimeOutAndDrain(RunningWar war) throws Exception {
    assertAnswer(get("/readyz"), 200, "ok");
    assertAnswer(get("/livez"), 200, "ok");
    assertAnswer(get("/hello"), 200, "hello");

    post("/admin/hang");
    long started = System.nanoTime();
    HttpResponse<String> hung = get("/readyz?verbose");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertAnswer(hung, 503, "[-]db failed: timeout");
    assertThat(took).as("answered by the %s deadline", DEADLINE)
        .isBetween(DEADLINE.minusMillis(500), DEADLINE.plusMillis(500));
    assertAnswer(get("/livez"), 200, "ok");
    // The interrupted run leaves the check a moment after its TIMEOUT is answered; a probe
    // arriving before that is given that TIMEOUT again and starts no run. A wait for the next
    // step, not a bound: with two CPU-bound loops beside the build that moment passed 2 s.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> get("/admin/running").body().strip(), "0"::equals);

    post("/admin/hang");
    CompletableFuture<HttpResponse<String>> inFlight = getAsync("/readyz");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> get("/admin/entered").body().strip(), entered -> !entered.equals("0"));
    long stopStarted = System.nanoTime();
    CompletableFuture<Void> stopped = OwnThread.run("stop", () -> war.stop());

    // Polled without db: a /readyz that arrives before the drain starts joins the hung run and
    // is answered only when the stop answers it, after the drain delay.
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertAnswer(get("/readyz?exclude=db"), 503, "draining"));
    assertThat(get("/readyz").headers().firstValue("Connection")).hasValue("close");
    assertAnswer(get("/livez"), 200, "ok");
    assertAnswer(get("/hello"), 200, "hello");
    assertThat(inFlight).as("the probe in flight waits while the server drains").isNotDone();

    HttpResponse<String> answered = inFlight.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    Duration answeredAfter = Duration.ofNanos(System.nanoTime() - stopStarted);
    assertAnswer(answered, 503, "shutting down");
    assertThat(answeredAfter).as("answered when the drain delay ends, before its deadline")
        .isBetween(DRAIN_DELAY.minusMillis(100), DEADLINE);

    stopped.get(10, TimeUnit.SECONDS);
    Duration stopTook = Duration.ofNanos(System.nanoTime() - stopStarted);
    // The figures of a run, for the record (docs and closing notes quote them).
    System.out.printf("war scenario: hung check answered after %d ms (deadline %d ms); probe in "
        + "flight answered %d ms after the stop began (drain delay %d ms); stop took %d ms%n",
        took.toMillis(), DEADLINE.toMillis(), answeredAfter.toMillis(), DRAIN_DELAY.toMillis(),
        stopTook.toMillis());
    assertThatThrownBy(() -> get("/livez")).as("the server is gone")
        .isInstanceOf(ConnectException.class);
  }

  private static void assertAnswer(HttpResponse<String> response, int status, String body) {
    assertThat(response.statusCode()).as("%s: %s", response.uri(), response.body()).isEqualTo(status);
    assertThat(response.body()).as("%s", response.uri()).contains(body);
  }

  private void post(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + path)).POST(HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("POST %s", path).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> getAsync(String path) {
    return client.sendAsync(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build();
  }
}
