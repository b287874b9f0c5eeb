/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A check leaves part of the deadline for writing the answers of the probes joined to it, and
 * that part grows to what writing them last took: thousands of probes on one hung check are
 * still answered by their deadline.
 */
class AnswerReserveTest {

  private static final Duration DEADLINE = Duration.ofMillis(400);
  private static final long MS = 1_000_000;

  private final TestChecks.Blocking hung = new TestChecks.Blocking();
  /**
   * The engine's clock, moved by the test to fire deadlines and by each answer it writes: what
   * the answers cost and when each probe is answered are exact, however loaded the machine (on
   * the wall clock, parking 5 ms per answer overran the deadline by 39 ms with two CPU-bound
   * loops beside the suite).
   */
  private final FakeTime time = new FakeTime();
  /** One hand moves the clock at a time: the test's, or one of the two answer threads'. */
  private final Object clockHand = new Object();
  private final ProbeEngine engine = new ProbeEngine(List.of(Check.builder("db", hung).build(),
      Check.builder("cache", ctx -> CheckResult.up()).build()),
      new ProbeEngine.Settings(DEADLINE, 1, 1, 1, Standing.Thresholds.NONE), time, ProbeEvents.NONE,
      new Redactor(List.of()));

  @AfterEach
  void stop() throws InterruptedException {
    hung.release.countDown();
    engine.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void withNothingMeasuredACheckLeavesAThirtySecondOfTheDeadline() {
    AnswerReserve reserve = new AnswerReserve(Duration.ofMillis(800));

    assertThat(reserve.timeoutNanos(800 * MS, 0)).isEqualTo(775 * MS);
    assertThat(reserve.timeoutNanos(500 * MS, 0)).isEqualTo(500 * MS);
  }

  @Test
  void aLongWaitReservesItselfAndAQuarterUpToHalfTheDeadline() {
    AnswerReserve reserve = new AnswerReserve(Duration.ofMillis(800));
    long now = 10_000 * MS;

    reserve.written(40 * MS, now);
    reserve.written(100 * MS, now);
    reserve.written(80 * MS, now);
    assertThat(reserve.timeoutNanos(800 * MS, now)).isEqualTo(675 * MS);
    assertThat(reserve.timeoutNanos(600 * MS, now)).as("a check's own shorter timeout")
        .isEqualTo(600 * MS);

    reserve.written(700 * MS, now);
    assertThat(reserve.timeoutNanos(800 * MS, now)).isEqualTo(400 * MS);
  }

  @Test
  void aWaitIsForgottenSevenToEightDeadlinesLater() {
    AnswerReserve reserve = new AnswerReserve(Duration.ofMillis(800));
    // Windows of one deadline: [9,600 ms, 10,400 ms) holds this wait, and seven more follow it.
    reserve.written(200 * MS, 10_000 * MS);
    reserve.written(100 * MS, 12_000 * MS);

    assertThat(reserve.timeoutNanos(800 * MS, 15_999 * MS)).isEqualTo(550 * MS);
    assertThat(reserve.timeoutNanos(800 * MS, 16_000 * MS)).isEqualTo(675 * MS);
    assertThat(reserve.timeoutNanos(800 * MS, 30_000 * MS)).isEqualTo(775 * MS);
  }

  @Test
  void probesJoinedToAHungCheckAreAnsweredByTheirDeadlineOnceWritingThemIsMeasured()
      throws Exception {
    // 40 answers taking 2.5 ms each, one at a time: 100 ms, eight times what a thirty-second
    // of the 400 ms deadline leaves.
    int probes = 40;
    long write = 2_500_000;

    long first = latestAnswer(probes, write, "db");
    assertThat(first).as("the first batch, written before anything was measured, is late")
        .isGreaterThan(DEADLINE.toNanos());

    // The interrupted first run has returned: the next batch starts a run of its own.
    await().atMost(Duration.ofSeconds(5)).until(() -> engine.named(null, "db").get(0).isIdle());
    long second = latestAnswer(probes, write, "db");
    assertThat(Duration.ofNanos(second)).as("every probe of the next batch is answered by its deadline")
        .isLessThanOrEqualTo(DEADLINE);
  }

  @Test
  void aStormOnOneCheckLeavesTheOtherChecksTheirTime() throws Exception {
    latestAnswer(40, 2_500_000, "db");

    long now = time.nanoTime();
    long least = DEADLINE.toNanos() - AnswerReserve.least(DEADLINE).toNanos();
    assertThat(reserveOf("db").timeoutNanos(DEADLINE.toNanos(), now)).as("db, written slowly")
        .isLessThan(least);
    assertThat(reserveOf("cache").timeoutNanos(DEADLINE.toNanos(), now)).as("cache")
        .isEqualTo(least);
  }

  private AnswerReserve reserveOf(String check) {
    return engine.named(null, check).get(0).answerReserve();
  }

  /**
   * Sends {@code probes} probes at once against the hung check, fires its deadline on the clock,
   * each answer taking {@code writeNanos} of it to write, and returns the longest time a probe
   * waited for its answer.
   */
  private long latestAnswer(int probes, long writeNanos, String check) throws InterruptedException {
    CountDownLatch answered = new CountDownLatch(probes);
    AtomicLong latest = new AtomicLong();
    long arrival = time.nanoTime();
    for (int i = 0; i < probes; i++) {
      engine.run("readyz", engine.named(null, check)).whenComplete((settled, failure) ->
          engine.write(arrival, settled, () -> {
            synchronized (clockHand) {
              time.advance(writeNanos); // what writing one answer costs here
              latest.accumulateAndGet(time.nanoTime() - arrival, Math::max);
            }
            answered.countDown();
          }));
    }
    // The run was given the deadline less the check's reserve: its timeout fires then, exactly.
    long runNanos = reserveOf(check).timeoutNanos(DEADLINE.toNanos(), arrival);
    synchronized (clockHand) {
      time.advance(runNanos);
    }
    assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
    return latest.get();
  }
}
