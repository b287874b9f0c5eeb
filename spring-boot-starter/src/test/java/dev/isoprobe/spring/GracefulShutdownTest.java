/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.spring.ControllableHealthIndicator.Mode;
import dev.isoprobe.spring.app.ProbeTestApplication;
import dev.isoprobe.spring.app.ProbeTestApplication.ReadinessRequests;
import dev.isoprobe.spring.app.ProbeTestApplication.SlowGate;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code server.shutdown=graceful} with probes in flight, on real Tomcat and Jetty: readiness
 * drains while liveness and business traffic are served, every probe in flight is answered
 * while the server is still waiting for a business request, and no probe thread outlives the
 * context.
 */
class GracefulShutdownTest {

  private static final int PROBES_IN_FLIGHT = 8;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Tomcat", "Jetty"})
  void probesInFlightAreAnsweredBeforeTheServerStops(String server) throws Exception {
    Set<Thread> threadsBefore = new HashSet<>(Threads.named("isoprobe-"));
    // Arguments, not builder properties: those rank below the test application.properties.
    ConfigurableApplicationContext app = new SpringApplicationBuilder(ProbeTestApplication.class)
        .run("--server.port=0",
            "--spring.autoconfigure.exclude="
                + (server.equals("Tomcat") ? TomcatProbesTest.JETTY : JettyProbesTest.TOMCAT),
            // Far beyond the test's waits: a probe answered here was answered by shutdown.
            "--isoprobe.timeout=20s",
            "--isoprobe.shutdown.drain-delay=2s");
    SlowGate gate = app.getBean(SlowGate.class);
    try {
      assertThat(((WebServerApplicationContext) app).getWebServer().getClass().getSimpleName())
          .startsWith(server);
      Http http = new Http(((WebServerApplicationContext) app).getWebServer().getPort());
      ControllableHealthIndicator db = app.getBean(ControllableHealthIndicator.class);
      ReadinessRequests readiness = app.getBean(ReadinessRequests.class);

      db.hang(Mode.HANG);
      CompletableFuture<Http.Timed> slow =
          http.timed(http.request("/slow").header("Authorization", Http.CREDENTIALS).build());
      assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Http.Timed>> probes = new ArrayList<>();
      for (int i = 0; i < PROBES_IN_FLIGHT; i++) {
        probes.add(http.timed(http.request("/readyz").build()));
      }
      await().atMost(Duration.ofSeconds(10))
          .until(() -> readiness.started() == PROBES_IN_FLIGHT && db.hanging() == 1);

      long closeStart = System.nanoTime();
      Thread closer = new Thread(app::close, "closer");
      closer.start();

      // The drain delay: readiness refuses at once; liveness and business are still served.
      await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
          .until(() -> http.get("/readyz").body().equals("draining"));
      HttpResponse<String> live = http.get("/livez");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("ok");
      assertThat(probes).noneMatch(CompletableFuture::isDone);

      // Then every probe in flight is answered, while the server still waits for /slow.
      CompletableFuture.allOf(probes.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
      assertThat(slow).isNotDone();
      for (CompletableFuture<Http.Timed> probe : probes) {
        assertThat(probe.join().status()).isEqualTo(503);
        assertThat(probe.join().body()).isEqualTo("shutting down");
      }
      long answeredMillis = (System.nanoTime() - closeStart) / 1_000_000;
      assertThat(answeredMillis).isBetween(2_000L, 2_000L + 2_000L);

      gate.release.countDown();
      Http.Timed business = slow.get(10, TimeUnit.SECONDS);
      assertThat(business.status()).isEqualTo(200);
      assertThat(business.body()).isEqualTo("slow");
      closer.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(closer.isAlive()).as("context closed").isFalse();

      // The hung check was interrupted and no isoprobe thread survives the context.
      assertThat(db.hanging()).isZero();
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
        List<Thread> left = Threads.named("isoprobe-");
        left.removeAll(threadsBefore);
        assertThat(left).isEmpty();
      });
    } finally {
      gate.release.countDown();
      app.close();
    }
  }
}
