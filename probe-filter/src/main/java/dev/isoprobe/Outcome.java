/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/** How one check fared in one probe. Only {@link #UP} counts as healthy. */
enum Outcome {
  /** The check returned up. */
  UP,
  /** The check returned down. */
  DOWN,
  /**
   * The check threw. Bodies show what it threw only when details are shown, and then as a
   * redacted one-line summary ({@link CheckReport#error()}), never a stack trace.
   */
  ERROR,
  /** The check had not returned by its deadline, and was cancelled. */
  TIMEOUT,
  /** The check is still running after it was cancelled; no second copy is started. */
  STUCK,
  /** The lane that runs the check (its bounded thread pool) was full; the check was not run. */
  REJECTED,
  /**
   * The check runs in the background ({@link Check#refreshEvery()}) and its latest result is older
   * than its {@link Check#maxAge()}: its runs hang, or cannot start.
   */
  STALE;

  /**
   * Returns if this outcome stands for a check that gives no result: {@link #STUCK} or
   * {@link #STALE}. Thresholds turn such a check down at once; see {@link Standing}.
   */
  boolean isWithoutResult() {
    return this == STUCK || this == STALE;
  }

  /** Returns the lower-case name used in response bodies. */
  String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
