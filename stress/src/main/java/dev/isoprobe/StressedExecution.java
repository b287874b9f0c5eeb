/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One execution of a check that returns {@code UP} at once, to race against its deadline, a
 * joining probe or shutdown. Nothing here starts a thread: the actors call {@link Execution#run()}
 * themselves, as a lane thread would, and the deadline timer is never used.
 */
final class StressedExecution {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final Set<Thread> NO_THREADS = ConcurrentHashMap.newKeySet();

  /** Whether the check's code ran. */
  volatile boolean ran;
  final Execution execution;
  private final CheckRunner runner;
  private final Lane lane;

  StressedExecution() {
    lane = new Lane("stress", 1, 1, NO_THREADS);
    runner = new CheckRunner(Check.builder("db", context -> {
      ran = true;
      return CheckResult.up();
    }).build(), lane, SECOND, new AnswerReserve(Duration.ofSeconds(1)), new CheckRunner.Shared(
        lane, (task, delayNanos) -> { }, System::nanoTime, ProbeEvents.NONE, new Redactor(List.of()),
        Standing.Thresholds.NONE));
    execution = new Execution(runner, lane, System::nanoTime, System.nanoTime(), SECOND);
  }

  /**
   * Runs the next execution of the check to its end, as the probe after this one would once the
   * slot is free: at once when this one ran its check (it frees the slot as it returns), else
   * once its deadline has settled it in the queue (which frees it then).
   */
  void runNextOnceFree() {
    if (!ran) {
      while (!execution.report().isDone()) {
        Thread.onSpinWait();
      }
    }
    new Execution(runner, lane, System::nanoTime, System.nanoTime(), SECOND).run();
  }

  /** Returns the status probes answer now, as the check's outcomes were counted. */
  String status() {
    Boolean up = runner.up();
    return up == null ? "NONE" : up ? "UP" : "DOWN";
  }

  /** Returns what a probe joining now is given: its outcome if settled, else {@code PENDING}. */
  String join() {
    var report = execution.join(System.nanoTime());
    return report.isDone() ? report.join().outcome().name() : "PENDING";
  }

  /** Returns the outcome probes were given, once every actor is done. */
  String outcome() {
    var report = execution.report();
    return report.isDone() ? report.join().outcome().name() : "UNSETTLED";
  }
}
