/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * When the application closes, isoprobe's probes stop before Spring gRPC's server shuts down
 * (its lifecycle stops first of all, in the last phase): a {@code Check} in flight on a hung
 * contributor is answered {@code NOT_SERVING} and a {@code Watch} completed, at once, where the
 * server's own shutdown would wait its 20 s grace period for them and then cancel them.
 */
class GrpcShutdownTest {

  /** Longer than the test could wait: only the shutdown can answer the Check in flight. */
  private static final String PROBE_DEADLINE = "isoprobe.timeout=40s";
  private static final long CALLER_DEADLINE_MILLIS = 60_000;
  /** Far below the server's grace period, generous for a loaded 2-core machine. */
  private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(10);

  @Test
  void closingAnswersTheCheckInFlightAndCompletesTheWatchBeforeTheServerStops() throws Exception {
    GrpcClient.ServerStarted started = new GrpcClient.ServerStarted();
    ConfigurableApplicationContext context = new SpringApplicationBuilder(
        GrpcExampleApplication.class)
        .listeners(started)
        .properties("server.port=0", "server.address=127.0.0.1", "spring.grpc.server.port=0",
            "spring.grpc.server.address=127.0.0.1", PROBE_DEADLINE,
            "spring.grpc.server.shutdown.grace-period=20s")
        .run();
    DatabaseHealth db = context.getBean(DatabaseHealth.class);
    try (GrpcClient grpc = new GrpcClient(started.port())) {
      assertThat(grpc.check("", CALLER_DEADLINE_MILLIS).get()).isEqualTo(ServingStatus.SERVING);
      db.hang();
      int before = db.calls();
      CompletableFuture<ServingStatus> inFlight = grpc.check("", CALLER_DEADLINE_MILLIS);
      await().atMost(ANSWERED_WITHIN).until(() -> db.calls() > before); // the Check is running
      GrpcClient.Watch watch = grpc.watch("liveness");
      // Its first status is sent once the server holds the stream.
      await().atMost(ANSWERED_WITHIN).until(() -> !watch.statuses.isEmpty());
      assertThat(inFlight).isNotDone();

      long start = System.nanoTime();
      CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);

      assertThat(inFlight.get(ANSWERED_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
          .isEqualTo(ServingStatus.NOT_SERVING);
      // Told NOT_SERVING, then ended UNAVAILABLE: the probes stopped.
      assertThat(watch.ended.get(ANSWERED_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
          .extracting(Status::getCode).isEqualTo(Status.Code.UNAVAILABLE);
      closed.get(ANSWERED_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ANSWERED_WITHIN);
    } finally {
      db.release();
      context.close();
    }
  }
}
