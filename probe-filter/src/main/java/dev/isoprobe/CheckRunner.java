/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Instant;
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
  private final AtomicReference<Execution> current = new AtomicReference<>();
  private volatile Cached cached;
  /** How often the check runs in the background; 0 when probes run it. */
  private final long refreshNanos;
  /** How old a background result may be before probes answer {@link Outcome#STALE}. */
  private final long maxAgeNanos;
  /** The latest result of a check run in the background; null before the first. */
  private volatile Latest latest;
  private final Standing.Thresholds thresholds;
  /** What the thresholds made of the outcomes so far; null before the first. Guarded by this. */
  private Standing standing;
  /** The counted report that last turned the status, or set it first. Guarded by this. */
  private CheckReport lastTurn;

  private record Cached(CheckReport report, long freshUntilNanos) {}

  private record Latest(CheckReport report, long atNanos) {}

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
    this.maxAgeNanos = check.maxAge() != null ? check.maxAge().toNanos()
        : Math.max(3 * refreshNanos, 2 * refreshNanos + timeoutNanos);
    this.cancelLane = shared.cancelLane();
    this.timer = shared.timer();
    this.ticker = shared.ticker();
    this.alarm = new DeadlineAlarm(timer, ticker, current::get);
    this.events = shared.events();
    this.redactor = shared.redactor();
    this.thresholds = new Standing.Thresholds(
        check.failureThreshold() > 0 ? check.failureThreshold() : shared.thresholds().failures(),
        check.successThreshold() > 0 ? check.successThreshold() : shared.thresholds().successes());
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

  /** Returns one redacted line about what the check threw, for {@link CheckReport#error()}. */
  String summarize(Throwable failure) {
    return redactor.summary(failure);
  }

  /** Returns the status probes answer now, or null before the first outcome. */
  synchronized Boolean up() {
    return standing == null ? null : standing.up();
  }

  /**
   * Returns what {@code read} makes of the report that last turned the status (null before the
   * first outcome), read under the lock under which each turn is told.
   */
  synchronized <T> T lastTurn(Function<CheckReport, T> read) {
    return read.apply(lastTurn);
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
  CompletableFuture<CheckReport> reportNow() {
    long now = ticker.nanoTime();
    Latest last = latest;
    if (last != null) {
      return CompletableFuture.completedFuture(
          now - last.atNanos() <= maxAgeNanos ? last.report() : staleOrLatest(now));
    }
    Cached fresh = cached;
    if (fresh != null && now - fresh.freshUntilNanos() < 0) {
      return CompletableFuture.completedFuture(fresh.report());
    }
    return runOrJoin(now);
  }

  /**
   * Runs the check once when the probes start, unless a probe has already run it, with
   * {@code budgetNanos} to return: its first connection, class loading and JIT happen here,
   * not within a probe's deadline. A probe that joins the run brings its deadline forward to the
   * probe's own. Completes when the run is settled.
   */
  CompletableFuture<CheckReport> warmUp(long budgetNanos) {
    if (up() != null) {
      return CompletableFuture.completedFuture(null);
    }
    return start(ticker.nanoTime(), budgetNanos, Execution.Origin.WARM_UP);
  }

  /**
   * Returns the report of a probe, arrived at {@code now}, that found the latest background result
   * too old: {@code STALE}, unless a run ended since and its result is the latest.
   */
  private synchronized CheckReport staleOrLatest(long now) {
    Latest last = latest;
    if (now - last.atNanos() <= maxAgeNanos) {
      return last.report();
    }
    return told(counted(CheckReport.of(check.name(), Outcome.STALE, now - last.atNanos())));
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
   * counted so as a probe finding it would count it; its latest result keeps its age, to turn
   * stale at its time. A run the lane rejected is no result: the latest stands, and the run is
   * tried again after {@link #retryNanos()}, which also moves this check's runs away from those
   * of the checks that filled the lane at the same instant.
   */
  private void refresh() {
    long next = refreshNanos;
    try {
      long now = ticker.nanoTime();
      Execution running = current.get();
      if (running == null) {
        CompletableFuture<CheckReport> run = start(now, answerReserve.timeoutNanos(timeoutNanos, now),
            Execution.Origin.REFRESH);
        if (run.isDone() && run.join().outcome() == Outcome.REJECTED) {
          next = retryNanos();
        }
      } else if (running.isStuck()) {
        keepStuck(running, now);
      }
    } finally {
      refreshIn(next);
    }
  }

  /** Returns how soon a background run the lane rejected is tried again: a tenth of the period. */
  private long retryNanos() {
    return Math.max(1, refreshNanos / REJECTED_RETRY_DIVISOR);
  }

  private synchronized void keepStuck(Execution running, long now) {
    CheckReport stuck = stuck(running, now);
    if (stuck != null) {
      latest = new Latest(stuck, latest == null ? now : latest.atNanos());
    }
  }

  /** Joins the current execution, or starts one. */
  private CompletableFuture<CheckReport> runOrJoin(long now) {
    return start(now, answerReserve.timeoutNanos(timeoutNanos, now), Execution.Origin.PROBE);
  }

  /**
   * Starts an execution with {@code runNanos} to run, or joins the current one: a probe makes a
   * warm-up run its own, brought forward to its deadline.
   */
  private CompletableFuture<CheckReport> start(long now, long runNanos, Execution.Origin origin) {
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
   * Counts an outcome probes are given, once: each execution's (see {@link #verdict}), and each
   * {@code STUCK} or {@code STALE} answer. Returns the report with the standing that makes, which
   * probes are given instead.
   */
  private synchronized CheckReport counted(CheckReport report) {
    // Under the lock, with the listeners told: a count and its turn must not be overtaken by a
    // later one (a STUCK by the next execution's UP), nor reach listeners in another order.
    Instant at = ticker.instant();
    Standing before = standing;
    Standing after = before == null ? Standing.first(report.outcome(), at, thresholds)
        : before.next(report.outcome(), at, thresholds);
    standing = after;
    CheckReport counted = report.counted(after);
    if (before == null || before.turnedIn(after)) {
      lastTurn = counted;
      events.checkTurned(counted, before);
    }
    return counted;
  }

  /**
   * Times out {@code execution}, running, and counts its {@code TIMEOUT}, in one step: were the
   * deadline's thread descheduled between the two, the check would return, make way for the next
   * execution (see {@link #returnedLate}, under this lock too), and that one's result be counted
   * before this TIMEOUT. Returns null when the check returned first.
   */
  synchronized CheckReport timedOut(Execution execution, CheckReport timeout) {
    return execution.moveToTimedOut() ? verdict(execution, timeout) : null;
  }

  /**
   * Counts the outcome an execution ends with, and keeps it as the latest for a check refreshed
   * in the background. An outcome that is no verdict is neither counted nor kept (see
   * {@link #isVerdict}). Returns the report probes are given.
   */
  private synchronized CheckReport verdict(Execution execution, CheckReport outcome) {
    if (!isVerdict(execution.origin(), outcome.outcome())) {
      return outcome;
    }
    CheckReport report = counted(outcome);
    if (refreshNanos > 0) {
      latest = new Latest(report, ticker.nanoTime());
    }
    return report;
  }

  /**
   * Returns if an outcome says how the dependency is. A run the lane rejected does not, when
   * isoprobe started it or the check runs in the background: it is tried again (see
   * {@link #refresh()}), or a probe runs it. Nor does a warm-up run that no probe joined and that
   * ran out of its time or never started: the warm-up is a head start, and a probe gives the
   * verdict.
   */
  private boolean isVerdict(Execution.Origin origin, Outcome outcome) {
    return switch (origin) {
      case PROBE -> outcome != Outcome.REJECTED || refreshNanos == 0;
      case REFRESH -> outcome != Outcome.REJECTED;
      case WARM_UP -> outcome != Outcome.REJECTED && outcome != Outcome.TIMEOUT;
    };
  }

  /**
   * Counts and tells a {@code STUCK} answer for a probe arriving at {@code now}, while
   * {@code execution} is still stuck; null once it has returned (the probe then gets its report).
   */
  synchronized CheckReport stuck(Execution execution, long now) {
    return execution.isStuck() ? told(counted(CheckReport.of(check.name(), Outcome.STUCK,
        now - execution.startNanos()))) : null;
  }

  /**
   * Tells a {@code STUCK} or {@code STALE} answer, under the lock as a late return is told: a
   * listener must not hear "stuck" after the late return that ended it.
   */
  private CheckReport told(CheckReport answer) {
    events.checkSettled(answer);
    return answer;
  }

  /**
   * Called once per execution that ends without running past its deadline (it returned in time,
   * timed out in the queue, or never ran) with the report it ends with; makes way for the next
   * one.
   */
  void settled(Execution execution, CheckReport outcome) {
    CheckReport report = verdict(execution, outcome);
    if (cacheNanos > 0 && CACHEABLE.contains(report.outcome())) {
      cached = new Cached(report, ticker.nanoTime() + cacheNanos);
    }
    // Free the slot first: a probe arriving once the report is out must start a fresh execution.
    current.compareAndSet(execution, null);
    execution.publish(report);
    events.checkSettled(report);
  }

  /**
   * Called when a check returns after its deadline (probes had its {@code TIMEOUT}, then
   * {@code STUCK}); frees the slot. Only what probes were given is reused: a result that came
   * after the deadline (often the ERROR of the deadline's own interrupt) says nothing about the
   * dependency now. Under the lock a {@code STUCK} answer is told with: a listener must not hear
   * "stuck" after the late return that ended it.
   */
  synchronized void returnedLate(Execution execution, CheckReport late) {
    current.compareAndSet(execution, null);
    events.checkReturnedLate(late);
  }

  /** Cancels the token of the current execution, if any; used when isoprobe stops. */
  void cancelCurrent() {
    Execution running = current.get();
    if (running != null) {
      running.cancel();
    }
  }
}
