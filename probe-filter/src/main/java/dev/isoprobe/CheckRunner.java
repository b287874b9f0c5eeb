/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Runs one check with at most one execution at a time: concurrent probes join it, and a check
 * that timed out keeps its slot until it returns, so a hung dependency costs one
 * thread however many probes arrive.
 */
final class CheckRunner {

  private static final Set<Outcome> CACHEABLE = EnumSet.of(Outcome.UP, Outcome.DOWN, Outcome.ERROR);
  /** A background run the lane rejected is tried again after this part of its period. */
  private static final int REJECTED_RETRY_DIVISOR = 10;

  private final Check check;
  private final Lane lane;
  private final long timeoutNanos;
  private final AnswerReserve answerReserve;
  private final long cacheNanos;
  private final Lane cancelLane;
  private final Scheduler timer;
  private final DeadlineAlarm alarm;
  private final Ticker ticker;
  private final ProbeEvents events;
  private final Redactor redactor;
  private final CheckStatus status;
  private final AtomicReference<Execution> current = new AtomicReference<>();
  private volatile Cached cached;
  /** How often the check runs in the background; 0 when probes run it. */
  private final long refreshNanos;

  private record Cached(CheckReport report, long freshUntilNanos) {}

  /**
   * What every check's runner shares: the lane that runs cancel callbacks off the deadline timer,
   * the deadline timer, the clock, the listener, the redactor of error summaries, and the
   * thresholds of checks that set none of their own.
   */
  record Shared(Lane cancelLane, Scheduler timer, Ticker ticker, ProbeEvents events,
      Redactor redactor, Standing.Thresholds thresholds) {}

  /**
   * @param lane the lane that runs this check's executions
   * @param timeoutNanos the check's own timeout, or the deadline when it has none; each execution
   *     gets at most the deadline less {@code answerReserve}
   */
  CheckRunner(Check check, Lane lane, long timeoutNanos, AnswerReserve answerReserve,
      Shared shared) {
    this.check = check;
    this.lane = lane;
    this.timeoutNanos = timeoutNanos;
    this.answerReserve = answerReserve;
    this.cacheNanos = check.cacheFor().toNanos();
    this.refreshNanos = check.refreshEvery() == null ? 0 : check.refreshEvery().toNanos();
    this.cancelLane = shared.cancelLane();
    this.timer = shared.timer();
    this.ticker = shared.ticker();
    this.alarm = new DeadlineAlarm(timer, ticker, current::get);
    this.events = shared.events();
    this.redactor = shared.redactor();
    long maxAgeNanos = check.maxAge() != null ? check.maxAge().toNanos()
        : Math.max(3 * refreshNanos, 2 * refreshNanos + timeoutNanos);
    this.status = new CheckStatus(check.name(), new Standing.Thresholds(
        check.failureThreshold() > 0 ? check.failureThreshold() : shared.thresholds().failures(),
        check.successThreshold() > 0 ? check.successThreshold() : shared.thresholds().successes()),
        refreshNanos > 0, maxAgeNanos, ticker, events);
  }

  ProbeEvents events() {
    return events;
  }

  /** Returns the lane that runs this check's executions. */
  Lane lane() {
    return lane;
  }

  Lane cancelLane() {
    return cancelLane;
  }

  /** Returns the reserve that the waits of this check's answers set. */
  AnswerReserve answerReserve() {
    return answerReserve;
  }

  /** Returns what counts this check's outcomes, and the lock its executions' races take. */
  CheckStatus status() {
    return status;
  }

  /** Returns one redacted line about what the check threw, for {@link CheckReport#error()}. */
  String summarize(Throwable failure) {
    return redactor.summary(failure);
  }

  /** Returns the status probes answer now, or null before the first outcome. */
  Boolean up() {
    return status.up();
  }

  /**
   * Returns what {@code read} makes of the report that last turned the status (null before the
   * first outcome), read under the lock under which each turn is told.
   */
  <T> T lastTurn(Function<CheckReport, T> read) {
    return status.lastTurn(read);
  }

  /** Returns if no execution is running. */
  boolean isIdle() {
    return current.get() == null;
  }

  /**
   * Returns if the current execution is past its deadline and its outcome still undecided: its
   * alarm did not ring. (A decided one is about to publish its report.)
   */
  boolean isPastDeadlineUndecided() {
    Execution running = current.get();
    return running != null && running.state().isUndecided()
        && running.deadlineNanos() - ticker.nanoTime() <= 0;
  }

  /** Returns if the current execution is past its deadline and still running. */
  boolean isStuck() {
    Execution running = current.get();
    return running != null && running.isStuck();
  }

  String name() {
    return check.name();
  }

  Check check() {
    return check;
  }

  HealthCheck healthCheck() {
    return check.healthCheck();
  }

  /** Returns this check's report for a probe arriving now; completes by the check's deadline. */
  CompletableFuture<Settled<CheckReport>> reportNow() {
    long now = ticker.nanoTime();
    CheckReport latest = status.latest(now);
    if (latest != null) {
      return CompletableFuture.completedFuture(Settled.here(latest));
    }
    Cached fresh = cached;
    if (fresh != null && now - fresh.freshUntilNanos() < 0) {
      return CompletableFuture.completedFuture(Settled.here(fresh.report()));
    }
    return start(now, answerReserve.timeoutNanos(timeoutNanos, now), Execution.Origin.PROBE);
  }

  /**
   * Runs the check once when the probes start, unless a probe has already run it, with
   * {@code budgetNanos} to return: its first connection, class loading and JIT happen here,
   * not within a probe's deadline. A probe that joins the run brings its deadline forward to the
   * probe's own. Completes when the run is settled.
   */
  CompletableFuture<Settled<CheckReport>> warmUp(long budgetNanos) {
    if (up() != null) {
      return CompletableFuture.completedFuture(null);
    }
    return start(ticker.nanoTime(), budgetNanos, Execution.Origin.WARM_UP);
  }

  /**
   * Runs a check refreshed in the background ({@link Check#refreshEvery()}) every period until
   * isoprobe stops, the first time after {@code part} of a period (0 to 1); does nothing for
   * other checks.
   */
  void startRefreshing(double part) {
    if (refreshNanos > 0) {
      refreshIn((long) (part * refreshNanos));
    }
  }

  private void refreshIn(long delayNanos) {
    timer.trySchedule(this::refresh, delayNanos); // refused once isoprobe stops: no more runs
  }

  /**
   * Starts a background run, unless one is still running. One past its deadline is stuck, and
   * counted so as a probe finding it would count it. A run the lane rejected is no result: the
   * latest stands, and the run is tried again after {@link #retryNanos()}, which also moves this
   * check's runs away from those of the checks that filled the lane at the same instant.
   */
  private void refresh() {
    long next = refreshNanos;
    try {
      long now = ticker.nanoTime();
      Execution running = current.get();
      if (running == null) {
        CompletableFuture<Settled<CheckReport>> run =
            start(now, answerReserve.timeoutNanos(timeoutNanos, now), Execution.Origin.REFRESH);
        if (run.isDone() && run.join().report().outcome() == Outcome.REJECTED) {
          next = retryNanos();
        }
      } else if (running.isStuck()) {
        status.keepStuck(running, now);
      }
    } finally {
      refreshIn(next);
    }
  }

  /** Returns how soon a background run the lane rejected is tried again: a tenth of the period. */
  private long retryNanos() {
    return Math.max(1, refreshNanos / REJECTED_RETRY_DIVISOR);
  }

  /**
   * Starts an execution with {@code runNanos} to run, or joins the current one: a probe makes a
   * warm-up run its own, brought forward to its deadline.
   */
  private CompletableFuture<Settled<CheckReport>> start(long now, long runNanos,
      Execution.Origin origin) {
    while (true) {
      Execution running = current.get();
      if (running != null) {
        if (origin == Execution.Origin.PROBE && running.joinedBy(now + runNanos)) {
          alarm.setFor(running);
        }
        return running.join(now);
      }
      Execution next = new Execution(this, lane, ticker, now, runNanos, origin);
      if (current.compareAndSet(null, next)) {
        if (next.launch()) {
          alarm.setFor(next);
        }
        return next.report();
      }
    }
  }

  /**
   * Called once per execution that ends without running past its deadline (it returned in time,
   * timed out in the queue, or never ran) with the outcome it ends with: counts it, caches it,
   * and makes way for the next execution. Returns the report its probes are given, which the
   * execution publishes.
   */
  CheckReport settled(Execution execution, CheckReport outcome) {
    CheckReport report = status.verdict(execution, outcome);
    if (cacheNanos > 0 && CACHEABLE.contains(report.outcome())) {
      cached = new Cached(report, ticker.nanoTime() + cacheNanos);
    }
    // Free the slot first: a probe arriving once the report is out must start a fresh execution.
    current.compareAndSet(execution, null);
    return report;
  }

  /**
   * Called when a check returns after its deadline (probes had its {@code TIMEOUT}, then
   * {@code STUCK}); frees the slot. Only what probes were given is reused: a result that came
   * after the deadline (often the ERROR of the deadline's own interrupt) says nothing about the
   * dependency now.
   */
  void returnedLate(Execution execution, CheckReport late) {
    status.returnedLate(late, () -> current.compareAndSet(execution, null));
  }

  /** Cancels the token of the current execution, if any; used when isoprobe stops. */
  void cancelCurrent() {
    Execution running = current.get();
    if (running != null) {
      running.cancel();
    }
  }
}
