package dev.isoprobe;

import java.time.Duration;
import java.util.Arrays;

/**
 * The part of the deadline a check leaves for writing the answers of the probes joined to it. A
 * thirty-second of the deadline (25 ms of 800) writes a few hundred answers; thousands of probes
 * joined to one hung check take longer than that, and the last of them would be answered after
 * their deadline. So the reserve follows the longest one of the check's answers waited in the answer lane
 * (see {@link AnswerHandoff}) over the last 7 to 8 deadlines, plus a quarter, up to half the
 * deadline: under a probe storm the check gets less time, and every probe still gets its answer
 * in time. Each check has its own: a storm on one check leaves the others their time.
 * Once the storm ends, the reserve is back to the least within 8 deadlines (6.4 s of 800 ms).
 */
final class AnswerReserve {

  /** Waits are remembered for 7 to 8 deadlines, so the reserve holds through a storm's batches. */
  private static final int WINDOWS = 8;

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
    this.mostNanos = deadlineNanos / 2;
  }

  /** Returns the reserve when no answers are waiting: a thirty-second of the deadline. */
  static Duration least(Duration deadline) {
    return deadline.dividedBy(32);
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
    long reserve = Math.min(mostNanos, Math.max(leastNanos, longestWait + longestWait / 4));
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
