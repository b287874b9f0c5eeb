/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.Arrays;

/**
 * The part of the deadline a check leaves for writing the answers of the probes joined to it. The
 * least reserve, the deadline divided by {@value #LEAST_DIVISOR} (25 ms of 800), writes a few
 * hundred answers; thousands of probes joined to one hung check take longer than that, and the
 * last of them would be answered after their deadline. So the reserve follows the longest one of
 * the check's answers waited in the answer lane (see {@link AnswerWriter}) over the last
 * {@value #WINDOWS} deadlines (7 to 8, as windows roll), plus a {@value #HEADROOM_DIVISOR}th, up
 * to the deadline divided by {@value #MOST_DIVISOR}: under a probe storm the check gets less time,
 * and every probe still gets its answer in time. Each check has its own: a storm on one check
 * leaves the others their time. Once the storm ends, the reserve is back to the least within
 * {@value #WINDOWS} deadlines. docs/configuration.md gives the same numbers to operators.
 */
final class AnswerReserve {

  /** The least reserve is the deadline divided by this. */
  static final int LEAST_DIVISOR = 32;
  /** The most reserve is the deadline divided by this. */
  static final int MOST_DIVISOR = 2;
  /** Waits are remembered for this many deadlines, so the reserve holds through a storm's batches. */
  static final int WINDOWS = 8;
  /** The reserve is the longest wait plus the wait divided by this. */
  static final int HEADROOM_DIVISOR = 4;

  private final long deadlineNanos;
  private final long leastNanos;
  private final long mostNanos;
  /** The longest wait of an answer in each of the last windows of one deadline, round robin. */
  private final long[] longestWaitNanos = new long[WINDOWS];
  private long window;
  private boolean started;

  AnswerReserve(Duration deadline) {
    this.deadlineNanos = deadline.toNanos();
    this.leastNanos = least(deadline).toNanos();
    this.mostNanos = deadlineNanos / MOST_DIVISOR;
  }

  /** Returns the reserve when no answers are waiting. */
  static Duration least(Duration deadline) {
    return deadline.dividedBy(LEAST_DIVISOR);
  }

  /**
   * Returns the timeout of an execution starting at {@code nowNanos} of a check whose own
   * timeout is {@code checkTimeoutNanos} (the deadline when it has none).
   */
  long timeoutNanos(long checkTimeoutNanos, long nowNanos) {
    long longestWait = 0;
    synchronized (this) {
      roll(nowNanos);
      for (long wait : longestWaitNanos) {
        longestWait = Math.max(longestWait, wait);
      }
    }
    long reserve = Math.min(mostNanos, Math.max(leastNanos, longestWait + longestWait / HEADROOM_DIVISOR));
    return Math.min(checkTimeoutNanos, deadlineNanos - reserve);
  }

  /** Records an answer the answer lane wrote {@code waitedNanos} after it was handed off. */
  synchronized void written(long waitedNanos, long nowNanos) {
    roll(nowNanos);
    int slot = (int) Math.floorMod(window, (long) WINDOWS);
    longestWaitNanos[slot] = Math.max(longestWaitNanos[slot], waitedNanos);
  }

  /** Moves to the window of {@code nowNanos}, forgetting the windows it passes. */
  private void roll(long nowNanos) {
    long current = Math.floorDiv(nowNanos, deadlineNanos);
    long passed = current - window;
    if (started && passed <= 0) {
      return;
    }
    if (!started || passed >= WINDOWS) {
      Arrays.fill(longestWaitNanos, 0);
    } else {
      for (long w = window + 1; w <= current; w++) {
        longestWaitNanos[(int) Math.floorMod(w, (long) WINDOWS)] = 0;
      }
    }
    window = current;
    started = true;
  }
}
