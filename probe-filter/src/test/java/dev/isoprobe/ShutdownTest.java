/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Draining and stopping, as the core offers them to the shutdown integrations. */
class ShutdownTest {

  @Test
  void drainingFailsReadinessAndHealthButNotLivenessOrStartup() throws Exception {
    try (TestServer server = TestServer.start(Probes.builder().build())) {
      server.probes.startDraining();

      HttpResponse<String> readiness = server.get("/readyz");
      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(readiness.body()).isEqualTo("draining");
      // A keep-alive client opens its next connection elsewhere, not on one about to close.
      assertThat(readiness.headers().firstValue("Connection")).hasValue("close");
      assertThat(server.get("/livez").headers().firstValue("Connection")).isEmpty();
      assertThat(server.get("/readyz", "application/json").body())
          .isEqualTo("{\"probe\":\"readyz\",\"status\":\"DOWN\",\"reason\":\"draining\",\"checks\":[]}");
      assertThat(server.get("/healthz").statusCode()).isEqualTo(503);
      assertThat(server.get("/livez").statusCode()).isEqualTo(200);
      assertThat(server.get("/startupz").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shutdownAnswersProbesInFlightAndEndsCheckThreads() throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    // Earlier tests' check threads may still be ending on a loaded machine; none of this one's may.
    Set<Thread> earlier = TestChecks.threadsNamed("isoprobe-check-");
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(30))
        .check(Check.builder("db", db).build()).build();
    try (TestServer server = TestServer.start(probes)) {
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        inFlight.add(server.getAsync("/readyz"));
      }
      assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.inFlight().size() == 4);

      assertThat(probes.shutdown(Duration.ofSeconds(2))).isTrue();

      for (CompletableFuture<HttpResponse<String>> probe : inFlight) {
        HttpResponse<String> response = probe.get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("shutting down");
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
      }
      assertThat(db.sawInterrupt).isTrue();
      assertThat(TestChecks.threadsNamed("isoprobe-check-")).isSubsetOf(earlier);
      assertThat(server.get("/livez").body()).isEqualTo("shutting down");
    }
  }

  @Test
  void shutdownAnswersAProbeHeldByAFilterWithoutAsyncSupportAndFreesItsThread() throws Exception {
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(30))
        .check(Check.builder("db", db).build()).build();
    try (TestServer server = TestServer.start(probes, "/", false)) {
      CompletableFuture<HttpResponse<String>> held = server.getAsync("/readyz");
      assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.inFlight().size() == 1);

      long start = System.nanoTime();
      probes.shutdown(Duration.ofMillis(100));
      HttpResponse<String> response = held.get(5, TimeUnit.SECONDS);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).isEqualTo("shutting down");
      // Not the 32 s of the deadline and the backstop: the timeout, and scheduling slack.
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(100 + 900);
    } finally {
      db.release.countDown();
    }
  }

  @Test
  void drainingNeverReopensAStoppedServer() throws Exception {
    Probes probes = Probes.builder().build();
    try (TestServer server = TestServer.start(probes)) {
      probes.shutdown(Duration.ofSeconds(1));
      probes.startDraining();

      assertThat(probes.state()).isEqualTo(Probes.State.STOPPED);
      assertThat(server.get("/livez").body()).isEqualTo("shutting down");
      assertThat(server.get("/readyz").body()).isEqualTo("shutting down");
    }
  }

  @Test
  void theStateMovesForwardOnlyRunningDrainingStoppingStopped() throws Exception {
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(30)).warmUp(Duration.ZERO)
        .check(Check.builder("db", db).groups(Group.READINESS).build()).build();
    try (TestServer server = TestServer.start(probes)) {
      assertThat(probes.state()).isEqualTo(Probes.State.RUNNING); // no warm-up: STARTING is over
      CompletableFuture<HttpResponse<String>> probe = server.getAsync("/readyz");
      assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
      probes.startDraining();
      probes.startDraining();
      assertThat(probes.state()).isEqualTo(Probes.State.DRAINING);

      // On a thread of its own: held there, a common-pool thread would be the only one on two
      // cores, and on Java 25 the HTTP client completes its answers on the common pool.
      CompletableFuture<Boolean> ended = new CompletableFuture<>();
      Thread stopping = new Thread(() -> {
        try {
          ended.complete(probes.shutdown(Duration.ofSeconds(30)));
        } catch (Throwable failure) {
          ended.completeExceptionally(failure);
        }
      }, "shutdown");
      stopping.start();
      // Held there by the check that ignores its interrupt.
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.STOPPING);
      assertThat(probe.get(5, TimeUnit.SECONDS).body()).isEqualTo("shutting down");
      probes.startDraining();
      assertThat(probes.state()).isEqualTo(Probes.State.STOPPING);
      assertThat(ended).isNotDone();

      db.release.countDown();
      assertThat(ended.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(probes.state()).isEqualTo(Probes.State.STOPPED);
    } finally {
      db.release.countDown(); // a failed assertion leaves no thread held for the next test
    }
  }

  @Test
  void probesRacingShutdownAreAnsweredOkOrShuttingDownNeverAnError() throws Exception {
    Probes probes = Probes.builder().check(Check.builder("db", ctx -> CheckResult.up()).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      int callers = 4;
      int probesEach = 200;
      java.util.concurrent.CountDownLatch halfway = new java.util.concurrent.CountDownLatch(callers);
      List<CompletableFuture<java.util.Map<String, Integer>>> counts = new ArrayList<>();
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
      try {
        for (int c = 0; c < callers; c++) {
          counts.add(CompletableFuture.supplyAsync(() -> {
            java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
            for (int i = 0; i < probesEach; i++) {
              if (i == probesEach / 2) {
                halfway.countDown();
              }
              try {
                HttpResponse<String> answer = server.get(i % 2 == 0 ? "/readyz" : "/livez");
                seen.merge(answer.statusCode() + " " + answer.body(), 1, Integer::sum);
              } catch (Exception failed) {
                seen.merge("failed " + failed, 1, Integer::sum);
              }
            }
            return seen;
          }, pool));
        }
        assertThat(halfway.await(10, TimeUnit.SECONDS)).isTrue();
        probes.shutdown(Duration.ofSeconds(1));

        java.util.Map<String, Integer> all = new java.util.TreeMap<>();
        for (CompletableFuture<java.util.Map<String, Integer>> count : counts) {
          count.get(30, TimeUnit.SECONDS).forEach((answer, n) -> all.merge(answer, n, Integer::sum));
        }
        assertThat(all.keySet()).as("every answer seen, with its count: %s", all)
            .isSubsetOf("200 ok", "503 shutting down");
        assertThat(all.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(callers * probesEach);
        assertThat(all).containsKey("503 shutting down");
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
