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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever an event sink throws, an {@link Error} included, costs no answer: the execution is
 * settled, its slot freed, its probes answered, and the next execution gets a deadline of its
 * own. The sinks are what isoprobe tells (logs, meters, Flight Recorder, the listener hand-off);
 * one that throws stands in for Flight Recorder on a runtime without {@code jdk.jfr}, or a log
 * appender out of memory while it writes an overrun's stack.
 */
class SinkFaultTest {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private final FakeTime time = new FakeTime();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final Lane lane = new Lane("check", 2, 2, threads);
  private final Lane cancelLane = new Lane("cancel", 2, 4, threads);

  /** Throws from every event, as a sink whose class cannot load does. */
  private static final ProbeEvents BROKEN = new ProbeEvents() {
    @Override
    public void checkSettled(CheckReport report) {
      throw new NoClassDefFoundError("jdk/jfr/Event");
    }

    @Override
    public void checkTurned(CheckReport report, Standing before) {
      throw new NoClassDefFoundError("jdk/jfr/Event");
    }

    @Override
    public void checkTimedOut(CheckReport timeout, Thread runner, boolean started) {
      throw new OutOfMemoryError("while logging the stack");
    }

    @Override
    public void checkReturnedLate(CheckReport late) {
      throw new StackOverflowError();
    }
  };

  @AfterEach
  void stop() {
    lane.shutdownNow();
    cancelLane.shutdownNow();
  }

  private CheckRunner runner(HealthCheck check) {
    CheckRunner.Shared shared = new CheckRunner.Shared(cancelLane, time, time,
        ProbeEvents.of(List.of(BROKEN)), new Redactor(List.of()), Standing.Thresholds.NONE);
    return new CheckRunner(Check.builder("db", check).build(), lane, TIMEOUT.toNanos(),
        new AnswerReserve(Duration.ofMinutes(1)), shared);
  }

  @Test
  void everyExecutionIsAnsweredWhenEverySinkThrowsAnError() throws Exception {
    CheckRunner runner = runner(ctx -> CheckResult.up());
    for (int probe = 0; probe < 3; probe++) {
      assertThat(runner.reportNow().get(5, TimeUnit.SECONDS).report().outcome()).isEqualTo(Outcome.UP);
    }
    assertThat(runner.isIdle()).isTrue();
    assertThat(lane.freeSlots()).isEqualTo(4);
  }

  @Test
  void aDeadlineWhoseSinksThrowStillInterruptsTheCheckAndTheNextExecutionHasADeadline()
      throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    CheckRunner runner = runner(db);
    for (int execution = 1; execution <= 2; execution++) {
      CompletableFuture<Settled<CheckReport>> probe = runner.reportNow();
      int started = execution;
      await().atMost(Duration.ofSeconds(5)).until(() -> db.executions.get() == started);
      time.advance(TIMEOUT.toNanos());
      assertThat(probe.get(5, TimeUnit.SECONDS).report().outcome()).as("execution %d", execution)
          .isEqualTo(Outcome.TIMEOUT);
      // Interrupted, it returns and frees its slot for the next execution.
      await().atMost(Duration.ofSeconds(5)).until(runner::isIdle);
    }
    assertThat(db.sawInterrupt).isTrue();
  }
}
