/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.util.concurrent.atomic.LongAdder;

/** Counts of one kind of caller's attempts. Thread-safe. */
final class Tally {

  final LongAdder sent = new LongAdder();
  final LongAdder answered = new LongAdder();
  final LongAdder succeeded = new LongAdder();
  final LongAdder timedOut = new LongAdder();
  final LongAdder errors = new LongAdder();

  void record(Attempt a) {
    if (a.answered()) {
      answered.increment();
      if (a.success()) {
        succeeded.increment();
      }
    } else if (a.timedOut()) {
      timedOut.increment();
    } else {
      errors.increment();
    }
  }

  @Override
  public String toString() {
    return sent.sum() + " sent, " + answered.sum() + " answered (" + succeeded.sum() + " 2xx/3xx), "
        + timedOut.sum() + " timed out, " + errors.sum() + " failed to connect";
  }
}
