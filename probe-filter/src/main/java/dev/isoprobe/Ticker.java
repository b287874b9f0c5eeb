/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Instant;

/** A source of nanosecond time, so tests can drive durations and result caching by hand. */
@FunctionalInterface
interface Ticker {

  long nanoTime();

  /**
   * Returns the wall-clock time, for the times answers show (when a check last changed, last
   * succeeded). Never used to measure a duration: the wall clock may step.
   */
  default Instant instant() {
    return Instant.now();
  }

  static Ticker system() {
    return System::nanoTime;
  }
}
