/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The fate of one check in one probe.
 *
 * @param name the check's name
 * @param outcome how it fared
 * @param duration how long the execution had run when this report was made: its whole run when
 *     it returned, the time until its deadline on {@link Outcome#TIMEOUT}, the time since it
 *     started on {@link Outcome#STUCK}, zero on {@link Outcome#REJECTED}
 * @param details the check's own details, empty unless it returned some
 * @param error on {@link Outcome#ERROR}, one line about what the check threw (its exception's
 *     simple class name and message, secrets masked, first line only, at most 200 characters,
 *     never a stack trace); null otherwise
 * @param standing what the check's thresholds make of this outcome and those before it: the
 *     status probes answer; null until its runner has counted it (see {@link #isUp()})
 */
record CheckReport(String name, Outcome outcome, Duration duration, Map<String, Object> details,
    String error, Standing standing) {

  CheckReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    details = Map.copyOf(details);
  }

  /** A report not yet counted. */
  CheckReport(String name, Outcome outcome, Duration duration, Map<String, Object> details,
      String error) {
    this(name, outcome, duration, details, error, null);
  }

  /** A report not yet counted, without an error summary. */
  CheckReport(String name, Outcome outcome, Duration duration, Map<String, Object> details) {
    this(name, outcome, duration, details, null);
  }

  static CheckReport of(String name, Outcome outcome, long nanos) {
    return new CheckReport(name, outcome, Duration.ofNanos(nanos), Map.of(), null);
  }

  /** Returns this report with the standing its runner counted. */
  CheckReport counted(Standing counted) {
    return new CheckReport(name, outcome, duration, details, error, counted);
  }

  /**
   * Returns if the check counts as healthy: as its standing says, or, before it is counted, as
   * its outcome says.
   */
  boolean isUp() {
    return standing != null ? standing.up() : outcome == Outcome.UP;
  }

  /**
   * Returns if the outcome goes against the status probes answer: a failure the failure threshold
   * has not counted down yet, or a success while the success threshold has not counted it up.
   */
  boolean isPending() {
    return isUp() != (outcome == Outcome.UP);
  }
}
