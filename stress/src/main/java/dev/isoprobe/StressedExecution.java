/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;

/**
 * One execution of a check that returns {@code UP} at once, to race against its deadline, a
 * joining probe or shutdown. Nothing here starts a thread: the execution is launched into a lane
 * whose threads never start, so it waits in the queue as a launched one does, and the actors call
 * {@link Execution#run()} themselves, as a lane thread would; the deadline timer is never used.
 */
final class StressedExecution {

  static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final Set<Thread> NO_THREADS = ConcurrentHashMap.newKeySet();
  /** A thread factory that fails to make a thread: the lane queues what it accepts, for good. */
  private static final ThreadFactory NEVER_STARTED = task -> null;

  /** Whether the check's code ran. */
  volatile boolean ran;
  final Execution execution;
  final Lane lane;
  final CheckRunner runner;
  private final Ticker ticker;

  StressedExecution() {
    this(1);
  }

  /** @param queueCapacity the lane's queue places, besides its one thread */
  StressedExecution(int queueCapacity) {
    this(queueCapacity, System::nanoTime, (task, delayNanos) -> { });
  }

  /** A check whose executions go on {@code ticker}, its deadlines on {@code timer}. */
  StressedExecution(int queueCapacity, Ticker ticker, Scheduler timer) {
    this(queueCapacity, ticker, timer, ProbeEvents.NONE);
  }

  /** A check whose events are told to {@code events}. */
  StressedExecution(ProbeEvents events) {
    this(1, System::nanoTime, (task, delayNanos) -> { }, events);
  }

  private StressedExecution(int queueCapacity, Ticker ticker, Scheduler timer,
      ProbeEvents events) {
    this.ticker = ticker;
    lane = new Lane("stress", 1, queueCapacity, NO_THREADS, NEVER_STARTED);
    runner = new CheckRunner(Check.builder("db", context -> {
      ran = true;
      return CheckResult.up();
    }).build(), lane, SECOND, new AnswerReserve(Duration.ofSeconds(1)), new CheckRunner.Shared(
        lane, timer, ticker, events, new Redactor(List.of()),
        Standing.Thresholds.NONE));
    execution = another();
    execution.launch();
  }

  /** Returns a new execution of the check, {@code NEW}, its deadline a second from now. */
  Execution another() {
    return new Execution(runner, lane, ticker, ticker.nanoTime(), SECOND);
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
    Execution next = another();
    next.launch();
    next.run();
  }

  /** Returns the status probes answer now, as the check's outcomes were counted. */
  String status() {
    Boolean up = runner.up();
    return up == null ? "NONE" : up ? "UP" : "DOWN";
  }

  /** Returns what a probe joining now is given: its outcome if settled, else {@code PENDING}. */
  String join() {
    var report = execution.join(ticker.nanoTime());
    return report.isDone() ? report.join().report().outcome().name() : "PENDING";
  }

  /** Returns the outcome probes were given, once every actor is done. */
  String outcome() {
    return outcome(execution);
  }

  static String outcome(Execution execution) {
    var report = execution.report();
    return report.isDone() ? report.join().report().outcome().name() : "UNSETTLED";
  }
}
