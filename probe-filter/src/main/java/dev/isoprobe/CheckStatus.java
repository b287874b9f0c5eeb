/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Instant;
import java.util.function.Function;

/**
 * A check's status: counts the outcomes probes are given by the check's thresholds, tells
 * listeners each answer and each turn, and keeps the latest result of a check refreshed in the
 * background. Each count happens under this object's lock with what it tells: a count and its
 * turn must not be overtaken by a later one (a {@code STUCK} by the next execution's {@code UP}),
 * nor reach listeners in another order. The steps of an execution that race a count (its
 * deadline's time-out, the check's late return) take the same lock.
 */
final class CheckStatus {

  private final String name;
  private final Ticker ticker;
  private final ProbeEvents events;
  private final Standing.Thresholds thresholds;
  /** Whether the check runs in the background ({@link Check#refreshEvery()}), not for probes. */
  private final boolean background;
  /** How old a background result may be before probes answer {@link Outcome#STALE}. */
  private final long maxAgeNanos;
  /** The latest result of a check run in the background; null before the first. */
  private volatile Latest latest;
  /** What the thresholds made of the outcomes so far; null before the first. Guarded by this. */
  private Standing standing;
  /** The counted report that last turned the status, or set it first. Guarded by this. */
  private CheckReport lastTurn;

  private record Latest(CheckReport report, long atNanos) {}

  /**
   * @param maxAgeNanos how old the latest result of a check run in the background may be, when
   *     {@code background}
   */
  CheckStatus(String name, Standing.Thresholds thresholds, boolean background, long maxAgeNanos,
      Ticker ticker, ProbeEvents events) {
    this.name = name;
    this.thresholds = thresholds;
    this.background = background;
    this.maxAgeNanos = maxAgeNanos;
    this.ticker = ticker;
    this.events = events;
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

  /**
   * Returns what a probe arriving at {@code now} is given of a check run in the background: its
   * latest result, or {@code STALE} when that is too old; null before the first result, and for a
   * check that probes run.
   */
  CheckReport latest(long now) {
    Latest last = latest;
    if (last == null || now - last.atNanos() <= maxAgeNanos) {
      return last == null ? null : last.report();
    }
    return staleOrLatest(now);
  }

  /** As {@link #latest(long)} for a latest result found too old: unless a run ended since. */
  private synchronized CheckReport staleOrLatest(long now) {
    Latest last = latest;
    if (now - last.atNanos() <= maxAgeNanos) {
      return last.report();
    }
    return told(counted(CheckReport.of(name, Outcome.STALE, now - last.atNanos())));
  }

  /**
   * Counts a background run found stuck at {@code now}, as a probe finding it would; its latest
   * result keeps its age, to turn stale at its time.
   */
  synchronized void keepStuck(Execution running, long now) {
    CheckReport stuck = stuck(running, now);
    if (stuck != null) {
      latest = new Latest(stuck, latest == null ? now : latest.atNanos());
    }
  }

  /**
   * Counts and tells a {@code STUCK} answer for a probe arriving at {@code now}, while
   * {@code execution} is still stuck; null once it has returned (the probe then gets its report).
   */
  synchronized CheckReport stuck(Execution execution, long now) {
    return execution.isStuck() ? told(counted(CheckReport.of(name, Outcome.STUCK,
        now - execution.startNanos()))) : null;
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
  synchronized CheckReport verdict(Execution execution, CheckReport outcome) {
    if (!isVerdict(execution.origin(), outcome.outcome())) {
      return outcome;
    }
    CheckReport report = counted(outcome);
    if (background) {
      latest = new Latest(report, ticker.nanoTime());
    }
    return report;
  }

  /**
   * Runs {@code free}, which makes way for the check's next execution, and tells that the check
   * returned after its deadline, under the lock a {@code STUCK} answer is told with: a listener
   * must not hear "stuck" after the late return that ended it.
   */
  synchronized void returnedLate(CheckReport late, Runnable free) {
    free.run();
    events.checkReturnedLate(late);
  }

  /**
   * Returns if an outcome says how the dependency is. A run the lane rejected does not, when
   * isoprobe started it or the check runs in the background: it is tried again (see
   * {@link CheckRunner}'s refresh), or a probe runs it. Nor does a warm-up run that no probe
   * joined and that ran out of its time or never started: the warm-up is a head start, and a
   * probe gives the verdict.
   */
  private boolean isVerdict(Execution.Origin origin, Outcome outcome) {
    return switch (origin) {
      case PROBE -> outcome != Outcome.REJECTED || !background;
      case REFRESH -> outcome != Outcome.REJECTED;
      case WARM_UP -> outcome != Outcome.REJECTED && outcome != Outcome.TIMEOUT;
    };
  }

  /**
   * Counts an outcome probes are given, once: each execution's (see {@link #verdict}), and each
   * {@code STUCK} or {@code STALE} answer. Returns the report with the standing that makes, which
   * probes are given instead.
   */
  private CheckReport counted(CheckReport report) {
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

  /** Tells a {@code STUCK} or {@code STALE} answer, under the lock as a late return is told. */
  private CheckReport told(CheckReport answer) {
    events.checkSettled(answer);
    return answer;
  }
}
