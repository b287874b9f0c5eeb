/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A hung dependency costs one thread and one execution, however many probes arrive. */
class SingleFlightStormTest {

  private static final Duration DEADLINE = Duration.ofMillis(800);
  private static final int PROBES = 200;
  private static final int POOL = 2;

  @Test
  void twoHundredConcurrentProbesOfAHungCheckShareOneExecution() throws Exception {
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    // The deadline on the fake clock: every probe is answered exactly at its deadline, however
    // long the 200 requests take to reach the server on a loaded machine (a wall-clock bound on
    // each request's round trip failed at 1.9 s with two CPU-bound loops beside the suite).
    FakeTime time = new FakeTime();
    Probes probes = Probes.builder().deadline(DEADLINE).clock(time).warmUp(Duration.ZERO)
        .executorThreads(POOL).queueCapacity(4)
        .check(Check.builder("db", db).build()).build();
    AtomicLong maxCheckThreads = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService stormer = Executors.newSingleThreadExecutor();
    try (TestServer server = TestServer.start(probes)) {
      long baseline = TestChecks.liveThreads("isoprobe-check-");
      sampler.scheduleAtFixedRate(() -> maxCheckThreads.accumulateAndGet(
          TestChecks.liveThreads("isoprobe-check-"), Math::max), 0, 5, TimeUnit.MILLISECONDS);

      Future<List<TestServer.TimedResponse>> storm = stormer.submit(() -> server.storm("/readyz", PROBES));
      await().atMost(Duration.ofSeconds(30)).until(() -> probes.inFlight().size() == PROBES);
      assertThat(storm).as("no probe answered before its deadline").isNotDone();
      time.advance(DEADLINE.toNanos());

      // Written once the deadline fired: within seconds on a loaded machine, not held until the
      // client gives up.
      List<TestServer.TimedResponse> answers = storm.get(20, TimeUnit.SECONDS);
      assertThat(answers).hasSize(PROBES).allSatisfy(answer -> {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.raw()).contains("[-]db failed: timeout after 775ms"); // the deadline less its reserve
      });
      assertThat(db.executions).hasValue(1);
      // Threads of earlier tests may still be ending; this storm adds one: a second execution
      // would start a second (the pool has two).
      assertThat(maxCheckThreads.get() - baseline).isLessThanOrEqualTo(1);

      db.release.countDown();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        HttpResponse<String> healed = server.get("/readyz");
        assertThat(healed.statusCode()).isEqualTo(200);
      });
      assertThat(db.executions).hasValue(2);
    } finally {
      sampler.shutdownNow();
      stormer.shutdownNow();
    }
  }

  @Test
  void probesArrivingPastTheUnwindGraceGetStuckAtOnceWithoutASecondExecution() throws Exception {
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    // On the fake clock "at once" is exact: answered while the clock stands still, with no
    // deadline to wait for (a 400 ms wall-clock bound on the round trip raced a loaded machine).
    FakeTime time = new FakeTime();
    Probes probes = Probes.builder().deadline(DEADLINE).clock(time).warmUp(Duration.ZERO)
        .check(Check.builder("db", db).build()).build();
    try (TestServer server = TestServer.start(probes)) {
      long baseline = TestChecks.liveThreads("isoprobe-check-");
      var first = server.getAsync("/readyz");
      assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.inFlight().size() == 1);
      time.advance(DEADLINE.toNanos());
      assertThat(first.get(10, TimeUnit.SECONDS).body()).contains("[-]db failed: timeout after 775ms");

      // Within the unwind grace the check may still be returning from its interrupt: probes get
      // the deadline's timeout. Past it, stuck, at once.
      HttpResponse<String> unwinding = server.get("/readyz", "application/json");
      assertThat(unwinding.body()).contains("\"outcome\":\"timeout\"");
      time.advance(Execution.UNWIND_GRACE.toNanos());
      HttpResponse<String> stuck = server.get("/readyz", "application/json");

      assertThat(stuck.statusCode()).isEqualTo(503);
      assertThat(stuck.body()).contains("\"name\":\"db\",\"status\":\"DOWN\",\"outcome\":\"stuck\"");
      assertThat(db.executions).hasValue(1);
      assertThat(TestChecks.liveThreads("isoprobe-check-")).isLessThanOrEqualTo(baseline + 1);

      db.release.countDown();
      await().atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(server.get("/readyz").statusCode()).isEqualTo(200));
      assertThat(db.executions).hasValue(2);
    }
  }
}
