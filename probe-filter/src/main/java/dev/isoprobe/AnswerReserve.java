package dev.isoprobe;

import java.time.Duration;

/**
 * The part of the deadline a check leaves for writing the answers of the probes joined to it. A
 * thirty-second of the deadline (25 ms of 800) writes a few hundred answers; thousands of probes
 * joined to one hung check take longer than that, and the last of them would be answered after
 * their deadline. So the reserve follows the longest an answer settled by the deadline timer
 * waited to be written over the last one to two deadlines, plus a quarter, up to half the
 * deadline: under a probe storm a check gets less time, and every probe still gets its answer in
 * time. Once the storm ends, the reserve is back to the least within two deadlines.
 */
final class AnswerReserve {

  private final long deadlineNanos;
  private final long leastNanos;
  private final long mostNanos;
  /** The longest wait of an answer in the current window of one deadline, and in the one before. */
  private long window;
  private long windowLongestNanos;
  private long previousLongestNanos;

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
    long longestWait;
    synchronized (this) {
      roll(nowNanos);
      longestWait = Math.max(windowLongestNanos, previousLongestNanos);
    }
    long reserve = Math.min(mostNanos, Math.max(leastNanos, longestWait + longestWait / 4));
    return Math.min(checkTimeoutNanos, deadlineNanos - reserve);
  }

  /** Records an answer the answer lane wrote {@code waitedNanos} after the timer settled it. */
  synchronized void written(long waitedNanos, long nowNanos) {
    roll(nowNanos);
    windowLongestNanos = Math.max(windowLongestNanos, waitedNanos);
  }

  /** Moves to the window of {@code nowNanos}: waits are remembered for one to two deadlines. */
  private void roll(long nowNanos) {
    long current = Math.floorDiv(nowNanos, deadlineNanos);
    if (current != window) {
      previousLongestNanos = current == window + 1 ? windowLongestNanos : 0;
      windowLongestNanos = 0;
      window = current;
    }
  }
}
