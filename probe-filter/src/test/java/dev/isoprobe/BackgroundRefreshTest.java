/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checks refreshed in the background, as probes on real Jetty see them, every time on a fake
 * clock: probes answer the latest result at once and never run the check; a run that hangs is
 * timed out like any other, and its check turns {@code stale} when the latest result passes
 * its maximum age.
 */
class BackgroundRefreshTest {

  private static final Duration DEADLINE = Duration.ofMillis(500);
  /** The deadline less its least answer reserve, a thirty-second: 484.375 ms. */
  private static final long CUT_NANOS = DEADLINE.toNanos() - DEADLINE.toNanos() / 32;
  private static final long SECOND = 1_000_000_000L;
  private static final Duration PERIOD = Duration.ofSeconds(10);

  private final FakeTime time = new FakeTime();
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(Check check) throws Exception {
    server = TestServer.start(Probes.builder().deadline(DEADLINE).deadlockCheck(false).clock(time)
        .check(check).build());
  }

  @Test
  void probesAnswerTheLatestResultAtOnceAndOnlyThePeriodRunsTheCheck() throws Exception {
    AtomicInteger executions = new AtomicInteger();
    start(Check.builder("db", ctx -> {
      executions.incrementAndGet();
      return CheckResult.up();
    }).refreshEvery(PERIOD).build());
    time.advance(0); // the first run, at once
    await().atMost(Duration.ofSeconds(5)).until(() -> server.get("/readyz").statusCode() == 200);

    for (int probe = 0; probe < 50; probe++) {
      assertThat(server.get("/readyz").body()).isEqualTo("ok");
    }
    assertThat(executions).hasValue(1);

    time.advance(PERIOD.toNanos());
    await().atMost(Duration.ofSeconds(5)).until(() -> server.get("/readyz?verbose").body()
        .equals("[+]db ok, up since 2026-01-01T00:00:00Z, last success 2026-01-01T00:00:10Z\n"
            + "readyz check passed"));
    assertThat(executions).hasValue(2);
  }

  @Test
  void aRunThatHangsIsTimedOutAndTheCheckIsStaleOnceItsLatestResultPassesMaxAge() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch hung = new CountDownLatch(1);
    AtomicInteger executions = new AtomicInteger();
    // Up at first; from the second run on, hangs ignoring interrupts until released.
    start(Check.builder("db", ctx -> {
      if (executions.incrementAndGet() > 1 && release.getCount() > 0) {
        hung.countDown();
        TestChecks.awaitIgnoringInterrupts(release);
      }
      return CheckResult.up();
    }).refreshEvery(PERIOD).maxAge(Duration.ofSeconds(30)).build());
    try {
      time.advance(0);
      await().atMost(Duration.ofSeconds(5)).until(() -> server.get("/readyz").statusCode() == 200);

      time.advance(PERIOD.toNanos());
      assertThat(hung.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(server.get("/readyz").statusCode()).as("the latest result, 10 s old").isEqualTo(200);

      time.advance(CUT_NANOS); // the hung run's deadline
      await().atMost(Duration.ofSeconds(5)).until(() -> server.get("/readyz").statusCode() == 503);
      assertThat(server.get("/readyz").body())
          .isEqualTo("[-]db failed: timeout after 484ms\nreadyz check failed");

      // The next periods start nothing: the hung run still holds the check's slot, and each
      // finds it stuck, as a probe would.
      time.advance(10 * SECOND);
      assertThat(server.get("/readyz").body())
          .isEqualTo("[-]db failed: stuck for 10000ms\nreadyz check failed");
      time.advance(20 * SECOND);
      assertThat(executions).hasValue(2);
      assertThat(server.get("/readyz").body()).as("the latest result, exactly 30 s old")
          .isEqualTo("[-]db failed: stuck for 30000ms\nreadyz check failed");
      time.advance(1);
      HttpResponse<String> stale = server.get("/readyz", "application/json");
      assertThat(stale.statusCode()).isEqualTo(503);
      assertThat(stale.body()).contains("\"status\":\"DOWN\",\"outcome\":\"stale\",\"durationMs\":30000,");
      assertThat(server.get("/readyz").body())
          .isEqualTo("[-]db failed: stale, latest result 30000ms old\nreadyz check failed");
    } finally {
      release.countDown();
    }
    // Released, the hung run returns late (not counted); the next period runs the check again.
    await().atMost(Duration.ofSeconds(5)).until(() -> server.probes.engine().stuckChecks() == 0
        && server.probes.engine().select(null, java.util.Set.of()).get(0).isIdle());
    // To the next period exactly (50 s), not past it: the clock must not pass the new run's
    // deadline before its thread has run it.
    time.advance(PERIOD.toNanos() - CUT_NANOS - 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.get("/readyz").statusCode() == 200);
    assertThat(executions).hasValue(3);
  }

  @Test
  void aBackgroundChecksSettingsAreCheckedWhenItIsBuilt() {
    HealthCheck up = ctx -> CheckResult.up();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Check.builder("db", up).refreshEvery(Duration.ofMillis(5)))
        .withMessage("checks.db.refresh-every: PT0.005S (expected: >= PT0.01S)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Check.builder("db", up).maxAge(Duration.ofSeconds(5)).build())
        .withMessage("checks.db.max-age: PT5S (expected: longer than checks.db.refresh-every,"
            + " which is not set)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Check.builder("db", up).refreshEvery(PERIOD).maxAge(PERIOD).build())
        .withMessage("checks.db.max-age: PT10S (expected: longer than checks.db.refresh-every, PT10S)");
    assertThatIllegalArgumentException().isThrownBy(() -> Check.builder("db", up)
            .refreshEvery(PERIOD).cacheFor(Duration.ofSeconds(1)).build())
        .withMessageStartingWith("checks.db.cache-for: PT1S (expected: not with checks.db.refresh-every;");
  }

  /**
   * More background checks than the lane holds (threads and queue places), each run taking a
   * while: none is ever answered {@code rejected}, and each runs every period. Their runs are
   * spread over the period, and one the lane rejects is tried again rather than kept as a result.
   */
  @Test
  void moreBackgroundChecksThanTheLaneHoldsAreEachUpAndRunEveryPeriod() throws Exception {
    Probes.Builder builder = Probes.builder().deadline(DEADLINE).deadlockCheck(false).clock(time);
    java.util.List<AtomicInteger> runs = new java.util.ArrayList<>();
    // Each run after the first holds its thread until the step of the clock that started it ends.
    java.util.concurrent.atomic.AtomicReference<CountDownLatch> step =
        new java.util.concurrent.atomic.AtomicReference<>(new CountDownLatch(0));
    for (int i = 0; i < 21; i++) { // the default lane holds 4 + 16
      AtomicInteger count = new AtomicInteger();
      runs.add(count);
      builder.check(Check.builder("db" + i, ctx -> {
        if (count.incrementAndGet() > 1) {
          step.get().await();
        }
        return CheckResult.up();
      }).refreshEvery(PERIOD).build());
    }
    Probes probes = builder.build();
    server = TestServer.start(probes);
    java.util.List<CheckRunner> runners = probes.engine().select(null, java.util.Set.of());
    for (int tenth = 1; tenth <= 250; tenth++) {
      CountDownLatch held = new CountDownLatch(1);
      step.set(held);
      time.advance(SECOND / 10);
      held.countDown();
      await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
          .until(() -> runners.stream().allMatch(CheckRunner::isIdle));
      if (tenth % 10 == 0) {
        HttpResponse<String> answer = server.get("/readyz?verbose");
        assertThat(answer.statusCode()).as("at %d s: %s", tenth / 10, answer.body()).isEqualTo(200);
      }
    }
    assertThat(runs).allSatisfy(count -> assertThat(count.get()).isGreaterThanOrEqualTo(3));
  }
}
