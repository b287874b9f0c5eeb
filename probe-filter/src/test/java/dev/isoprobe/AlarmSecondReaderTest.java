/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The second reader's reproduction against the first draft of {@link DeadlineAlarm}. */
class AlarmSecondReaderTest {

  private final FakeTime time = new FakeTime();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Lane cancelLane = new Lane("cancel", 2, 4, threads);
  private final Lane lane = new Lane("check", 2, 2, threads);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    lane.shutdownNow();
    cancelLane.shutdownNow();
  }

  /**
   * A probe joins a warm-up run and brings its deadline forward; the timer refuses that one
   * schedule. The draft recorded the earlier ring before scheduling it and, refused, cleared the
   * record; the warm-up's own ring, still pending, then took itself for superseded and did
   * nothing: the run never timed out. Now a ring always looks, and times the run out at the
   * warm-up's deadline, as the deadline task before the alarm did.
   */
  @Test
  void aRefusedEarlierRingLeavesTheRingStillPendingToTimeTheRunOut() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    AtomicBoolean refuse = new AtomicBoolean();
    Scheduler flaky = (task, delayNanos) -> {
      if (refuse.get()) {
        throw new RejectedExecutionException("could not start its thread");
      }
      time.schedule(task, delayNanos);
    };
    CheckRunner runner = new CheckRunner(Check.builder("db", ctx -> {
      running.countDown();
      release.await(); // hangs until interrupted
      return CheckResult.up();
    }).build(), lane, Duration.ofMillis(500).toNanos(), new AnswerReserve(Duration.ofMinutes(1)),
        new CheckRunner.Shared(cancelLane, flaky, time, ProbeEvents.NONE, new Redactor(List.of()),
            Standing.Thresholds.NONE));

    runner.warmUp(Duration.ofSeconds(10).toNanos()); // its ring due in 10 s
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    refuse.set(true);
    CompletableFuture<Settled<CheckReport>> probe = runner.reportNow(); // joins: its deadline in 500 ms
    refuse.set(false);

    time.advance(Duration.ofSeconds(11).toNanos()); // past both deadlines: every ring due runs

    assertThat(runner.isPastDeadlineUndecided()).as("undecided past its deadline").isFalse();
    assertThat(probe.get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.TIMEOUT);
  }
}
