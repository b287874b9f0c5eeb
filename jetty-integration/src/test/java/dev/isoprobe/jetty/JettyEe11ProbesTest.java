/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.OwnThread;
import dev.isoprobe.Probes;
import dev.isoprobe.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same installation in a Jetty 12 ee11 (Servlet 6.1) context, on real Jetty: probes answer,
 * a hung check is 503 timeout by the deadline, and stopping drains, then answers the probe in
 * flight before the connector closes.
 */
class JettyEe11ProbesTest {

  private static final Duration DEADLINE = Duration.ofMillis(500);
  /** Long enough for the three requests the test makes while readiness drains, under load. */
  private static final Duration DRAIN_DELAY = Duration.ofMillis(2_000);
  /**
   * Jetty's graceful phase holds the drain (at most half of this) and the stop of the probes;
   * the rest is room for a loaded machine: with 2 s and a 1 s drain, Jetty's stop timed out with
   * two CPU-bound loops and other builds beside the suite.
   */
  private static final long STOP_TIMEOUT_MILLIS = 6_000;

  private final CountDownLatch release = new CountDownLatch(1);
  private Probes probes;
  private TestServer server;

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.close();
    }
    probes.close();
  }

  @Test
  void probesAnswerTimeOutAndDrainInAnEe11Context() throws Exception {
    probes = Probes.builder().deadline(DEADLINE).deadlockCheck(false)
        .warmUp(Duration.ZERO) // startup probes run the hung check at once
        .check(Check.builder("db", ctx -> CheckResult.up()).build())
        .check(Check.builder("hung", ctx -> {
          release.await();
          return CheckResult.up();
        }).groups(Group.STARTUP).build())
        .build();
    ServletContextHandler context = new ServletContextHandler("/");
    JettyEe11Probes.install(context, probes, DRAIN_DELAY);
    server = TestServer.builder().stopTimeout(STOP_TIMEOUT_MILLIS).handler(context).start();

    assertThat(get("/readyz").body()).isEqualTo("ok");
    long start = System.nanoTime();
    HttpResponse<String> hung = get("/startupz");
    assertThat(hung.statusCode()).isEqualTo(503);
    assertThat(hung.body()).startsWith("[-]hung failed: timeout after");
    // The deadline, and a loaded two-core machine's scheduling slack.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusMillis(300));

    CompletableFuture<Void> stopped = OwnThread.run("stop", () -> LifeCycle.stop(server.jetty));
    await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
        .until(() -> get("/readyz").statusCode() == 503);
    HttpResponse<String> draining = get("/readyz");
    assertThat(draining.body()).isEqualTo("draining");
    assertThat(draining.headers().firstValue("Connection")).hasValue("close");
    assertThat(get("/livez").body()).isEqualTo("ok");
    assertThat(stopped).isNotDone();

    stopped.get(DRAIN_DELAY.toMillis() + STOP_TIMEOUT_MILLIS + 1_000, TimeUnit.MILLISECONDS);
    assertThat(server.jetty.isStopped()).isTrue();
    assertThat(probes.liveThreads()).as("the hung check was interrupted at stop").isEmpty();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return server.get(path);
  }
}
