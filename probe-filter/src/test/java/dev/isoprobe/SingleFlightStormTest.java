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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A hung dependency costs one thread and one execution, however many probes arrive. */
class SingleFlightStormTest {

  private static final Duration DEADLINE = Duration.ofMillis(800);
  private static final long TOLERANCE_MILLIS = 500;
  private static final int PROBES = 200;
  private static final int POOL = 2;

  @Test
  void twoHundredConcurrentProbesOfAHungCheckShareOneExecution() throws Exception {
    // Hung for good: under load the 200 requests can reach the server over more than one
    // deadline, and an interruptible check would rightly run again for the late ones.
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    Probes probes = Probes.builder().deadline(DEADLINE).executorThreads(POOL).queueCapacity(4)
        .check(Check.builder("db", db).build()).build();
    AtomicLong maxCheckThreads = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    try (TestServer server = TestServer.start(probes)) {
      long baseline = TestChecks.liveThreads("isoprobe-check-");
      sampler.scheduleAtFixedRate(() -> maxCheckThreads.accumulateAndGet(
          TestChecks.liveThreads("isoprobe-check-"), Math::max), 0, 5, TimeUnit.MILLISECONDS);

      List<TestServer.TimedResponse> answers = server.storm("/readyz", PROBES);

      assertThat(answers).allSatisfy(answer -> {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.raw()).containsAnyOf("[-]db failed: timeout after", "[-]db failed: stuck for");
        assertThat(answer.millis()).isLessThanOrEqualTo(DEADLINE.toMillis() + TOLERANCE_MILLIS);
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
    }
  }

  @Test
  void probesArrivingPastTheUnwindGraceGetStuckAtOnceWithoutASecondExecution() throws Exception {
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    Probes probes = Probes.builder().deadline(DEADLINE)
        .check(Check.builder("db", db).build()).build();
    try (TestServer server = TestServer.start(probes)) {
      long baseline = TestChecks.liveThreads("isoprobe-check-");
      HttpResponse<String> first = server.get("/readyz", "application/json");
      assertThat(first.body()).contains("\"outcome\":\"timeout\"");

      // Within the unwind grace the check may still be returning from its interrupt: probes get
      // the deadline's timeout. Past it, stuck, at once.
      AtomicLong tookMillis = new AtomicLong();
      HttpResponse<String> stuck = await().atMost(Duration.ofSeconds(5))
          .pollInterval(Duration.ofMillis(20)).until(() -> {
            long start = System.nanoTime();
            HttpResponse<String> answer = server.get("/readyz", "application/json");
            tookMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertThat(answer.body()).containsAnyOf("\"outcome\":\"timeout\"", "\"outcome\":\"stuck\"");
            return answer;
          }, answer -> answer.body().contains("\"outcome\":\"stuck\""));

      assertThat(stuck.statusCode()).isEqualTo(503);
      assertThat(stuck.body()).contains("\"name\":\"db\",\"status\":\"DOWN\",\"outcome\":\"stuck\"");
      assertThat(tookMillis.get()).isLessThan(DEADLINE.toMillis() / 2);
      assertThat(db.executions).hasValue(1);
      assertThat(TestChecks.liveThreads("isoprobe-check-")).isLessThanOrEqualTo(baseline + 1);

      db.release.countDown();
      await().atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(server.get("/readyz").statusCode()).isEqualTo(200));
      assertThat(db.executions).hasValue(2);
    }
  }
}
