/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A check that honours its interrupt is never counted stuck while it unwinds: for
 * {@link Execution#UNWIND_GRACE} after its deadline interrupted it, probes get the deadline's
 * {@code TIMEOUT}, counted once by the thresholds, so a failure threshold holds for timeouts.
 * Past the grace, a check still running is stuck. On a fake clock.
 */
class UnwindGraceTest {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private final FakeTime time = new FakeTime();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Lane lane = new Lane("check", 2, 2, threads);
  private final Lane cancelLane = new Lane("cancel", 2, 4, threads);
  private final List<String> settled = new java.util.concurrent.CopyOnWriteArrayList<>();
  /**
   * After an up, blocks until interrupted and takes as long to unwind as the test says: a
   * thread waiting for a core.
   */
  private final TestChecks.SlowToUnwind hanging = new TestChecks.SlowToUnwind();
  private final AtomicInteger executions = new AtomicInteger();

  @AfterEach
  void stop() {
    hanging.unwound.countDown();
    lane.shutdownNow();
    cancelLane.shutdownNow();
  }

  private CheckRunner runner() {
    ProbeEvents recording = new ProbeEvents() {
      @Override
      public void checkSettled(CheckReport report) {
        settled.add(report.outcome().label());
      }
    };
    CheckRunner.Shared shared = new CheckRunner.Shared(cancelLane, time, time, recording,
        new Redactor(List.of()), new Standing.Thresholds(3, 1));
    return new CheckRunner(Check.builder("db", ctx ->
        executions.incrementAndGet() == 1 ? CheckResult.up() : hanging.check(ctx)).build(),
        lane, TIMEOUT.toNanos(), new AnswerReserve(Duration.ofMinutes(1)), shared);
  }

  /** Returns the runner after its first execution returned up, with its second one running. */
  private CheckRunner hangingAfterAnUp() throws Exception {
    CheckRunner runner = runner();
    assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
    return runner;
  }

  @Test
  void aCheckUnwindingFromItsInterruptIsAnsweredItsTimeoutNotStuckAndThresholdsHold()
      throws Exception {
    CheckRunner runner = hangingAfterAnUp();
    var timedOut = runner.reportNow();
    await().atMost(Duration.ofSeconds(5)).until(() -> executions.get() == 2);
    time.advance(TIMEOUT.toNanos());
    assertThat(timedOut.get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(timedOut.get().report().isUp()).as("1 of 3 failures").isTrue();

    time.advance(Execution.UNWIND_GRACE.toNanos() - 1);
    CheckReport unwinding = runner.reportNow().get(5, TimeUnit.SECONDS).report();
    assertThat(unwinding.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(unwinding.isUp()).as("still 1 of 3 failures").isTrue();
    assertThat(runner.isStuck()).isFalse();
    assertThat(runner.up()).isTrue();

    hanging.unwound.countDown();
    await().atMost(Duration.ofSeconds(5)).until(runner::isIdle);
    assertThat(executions).hasValue(2);
    assertThat(settled).containsExactly("up", "timeout");
  }

  @Test
  void aCheckStillRunningPastTheGraceIsStuck() throws Exception {
    CheckRunner runner = hangingAfterAnUp();
    runner.reportNow();
    await().atMost(Duration.ofSeconds(5)).until(() -> executions.get() == 2);
    time.advance(TIMEOUT.toNanos());
    time.advance(Execution.UNWIND_GRACE.toNanos());

    CheckReport stuck = runner.reportNow().get(5, TimeUnit.SECONDS).report();
    assertThat(stuck.outcome()).isEqualTo(Outcome.STUCK);
    assertThat(stuck.isUp()).as("stuck turns it down at once").isFalse();
    assertThat(settled).containsExactly("up", "timeout", "stuck");
  }
}
