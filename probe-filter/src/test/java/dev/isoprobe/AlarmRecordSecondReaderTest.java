/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The second reader's reproductions against the alarm's second draft, which recorded a ring
 * before scheduling it: a record could then claim a ring that never came.
 */
class AlarmRecordSecondReaderTest {

  private final FakeTime time = new FakeTime();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Lane cancelLane = new Lane("cancel", 2, 4, threads);
  private final CountDownLatch factoryEntered = new CountDownLatch(1);
  private final CountDownLatch probeInSchedule = new CountDownLatch(1);
  private final AtomicBoolean firstThread = new AtomicBoolean(true);
  /** A lane whose threads never start (tasks stay QUEUED); its first thread start waits. */
  private final Lane lane = new Lane("check", 1, 4, threads, task -> {
    if (firstThread.getAndSet(false)) {
      factoryEntered.countDown();
      await(probeInSchedule);
    }
    return null;
  });

  @AfterEach
  void stop() {
    lane.shutdownNow();
    cancelLane.shutdownNow();
  }

  /**
   * The mirror of AlarmSecondReaderTest: the probe joins the warm-up run between its launch() and
   * its launcher's setFor. The launcher trusted the probe's record (500 ms), whose schedule the
   * timer then refused and forgot: no ring at all, not even the warm-up's own at 10 s. Now only
   * a ring scheduled is recorded, so the launcher schedules its own.
   */
  @Test
  void launcherTrustingARecordWhoseScheduleIsThenRefusedLeavesTheRunWithoutRing()
      throws Exception {
    AtomicReference<Thread> probeThread = new AtomicReference<>();
    CountDownLatch warmUpReturned = new CountDownLatch(1);
    Scheduler flaky = (task, delayNanos) -> {
      if (Thread.currentThread() == probeThread.get()) {
        probeInSchedule.countDown();
        await(warmUpReturned);
        throw new RejectedExecutionException("could not start its thread");
      }
      time.schedule(task, delayNanos);
    };
    CheckRunner runner = new CheckRunner(Check.builder("db", ctx -> CheckResult.up()).build(),
        lane, Duration.ofMillis(500).toNanos(), new AnswerReserve(Duration.ofMinutes(1)),
        new CheckRunner.Shared(cancelLane, flaky, time, ProbeEvents.NONE, new Redactor(List.of()),
            Standing.Thresholds.NONE));

    Thread launcher = new Thread(() -> runner.warmUp(Duration.ofSeconds(10).toNanos()));
    launcher.start();
    assertThat(factoryEntered.await(5, TimeUnit.SECONDS)).isTrue(); // inside launch()
    AtomicReference<CompletableFuture<Settled<CheckReport>>> probe = new AtomicReference<>();
    Thread prober = new Thread(() -> probe.set(runner.reportNow()));
    probeThread.set(prober);
    prober.start();
    launcher.join(5_000); // launch() returned, and its setFor with it
    assertThat(launcher.isAlive()).isFalse();
    warmUpReturned.countDown(); // now the timer refuses the probe's ring
    prober.join(5_000);
    assertThat(prober.isAlive()).isFalse();

    time.advance(Duration.ofSeconds(11).toNanos()); // past both deadlines

    assertThat(runner.isPastDeadlineUndecided()).as("undecided past its deadline").isFalse();
  }

  /**
   * An Error between the record and the schedule of its ring (the draft recorded first):
   * allocating the ring lambda (OutOfMemoryError), entering trySchedule or the ticker
   * (StackOverflowError on a deep request thread). The record stays, claiming a ring that never comes, and every later
   * execution with a later deadline trusts it: the check never times out again.
   */
  @Test
  void anErrorBeforeTryScheduleLeavesARecordForARingThatNeverComes() {
    CheckRunner runner = new CheckRunner(Check.builder("db", ctx -> CheckResult.up()).build(),
        lane, Duration.ofSeconds(1).toNanos(), new AnswerReserve(Duration.ofMinutes(1)),
        new CheckRunner.Shared(cancelLane, time, time, ProbeEvents.NONE, new Redactor(List.of()),
            Standing.Thresholds.NONE));
    probeInSchedule.countDown(); // the lane's factory need not wait here
    AtomicBoolean boom = new AtomicBoolean();
    Ticker ticker = () -> {
      if (boom.getAndSet(false)) {
        throw new StackOverflowError();
      }
      return time.nanoTime();
    };
    AtomicReference<Execution> current = new AtomicReference<>();
    DeadlineAlarm alarm = new DeadlineAlarm(time, ticker, current::get);

    Execution first = new Execution(runner, lane, time, time.nanoTime(), Duration.ofSeconds(1).toNanos());
    current.set(first);
    assertThat(first.launch()).isTrue();
    boom.set(true);
    assertThatThrownBy(() -> alarm.setFor(first)).isInstanceOf(StackOverflowError.class);
    first.abandon(); // whatever became of it

    Execution next = new Execution(runner, lane, time, time.nanoTime(), Duration.ofSeconds(2).toNanos());
    current.set(next);
    assertThat(next.launch()).isTrue();
    alarm.setFor(next); // no Error now

    time.advance(Duration.ofSeconds(3).toNanos());

    assertThat(next.state()).as("the next execution, past its deadline").isEqualTo(
        Execution.State.TIMED_OUT_QUEUED);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(5, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not reached");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
