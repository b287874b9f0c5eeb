/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.function.Supplier;

/**
 * Rings at the deadline of a check's current execution, and times it out if still undecided. One
 * ring pending at a time serves every execution of the check, instead of a task scheduled and
 * cancelled per execution: at most one runs at a time and most return long before their
 * deadline, so the timer wakes about once per deadline, not once per probe. A ring that finds a
 * later execution current sets itself again for that one's deadline; an execution whose deadline
 * is earlier than the ring pending (the answer reserve grew, or a probe joined a warm-up run) gets
 * a ring of its own.
 *
 * <p>What is recorded is the earliest ring known to be pending: scheduled, and not yet rung. It
 * lets an execution skip scheduling its own, so it is recorded only once its schedule succeeded,
 * and never after that ring (or a later one) has rung. A record may be lost (forgotten by a ring,
 * or never made), never wrong: a ring always looks at the check as it finds it, so a ring more
 * than needed costs one wake-up, while a ring trusted but not coming would leave an execution
 * without a deadline.
 */
final class DeadlineAlarm {

  private final Scheduler timer;
  private final Ticker ticker;
  private final Supplier<Execution> current;
  /** A ring is pending, due at {@link #setAtNanos}. Guarded by this. */
  private boolean set;
  /** When the pending ring is due, on the ticker. Guarded by this. */
  private long setAtNanos;
  /** A ring has rung, the latest due at {@link #rungAtNanos}. Guarded by this. */
  private boolean rung;
  private long rungAtNanos;

  /** @param current the check's current execution, or null */
  DeadlineAlarm(Scheduler timer, Ticker ticker, Supplier<Execution> current) {
    this.timer = timer;
    this.ticker = ticker;
    this.current = current;
  }

  /**
   * Makes sure the alarm rings by {@code execution}'s deadline. Called once the lane has the
   * execution (a ring finding it {@code NEW} does nothing), and when a probe brings its
   * deadline forward.
   */
  void setFor(Execution execution) {
    long deadline = execution.deadlineNanos();
    Runnable ring = () -> ring(deadline);
    long delay = deadline - ticker.nanoTime();
    synchronized (this) {
      if (set && setAtNanos - deadline <= 0) {
        return; // the pending ring comes in time, and sets itself again for this one
      }
    }
    // Refused, the timer is stopping or could not start its thread: this execution has no ring
    // of its own. A ring pending for a later deadline still comes, later; with none, the in-flight
    // watchdog answers its probes, and the next execution sets the alarm again.
    if (timer.trySchedule(ring, delay)) {
      record(deadline);
    }
  }

  private synchronized void record(long at) {
    if (rung && at - rungAtNanos <= 0) {
      return; // rung already (a ring due now may run before its schedule has returned)
    }
    if (!set || at - setAtNanos < 0) {
      set = true;
      setAtNanos = at;
    }
  }

  /** Notes that the ring due {@code at} has rung: a record of it, or of an earlier one, is stale. */
  private synchronized void rang(long at) {
    if (!rung || at - rungAtNanos > 0) {
      rung = true;
      rungAtNanos = at;
    }
    if (set && setAtNanos - at <= 0) {
      set = false;
    }
  }

  private void ring(long at) {
    rang(at);
    Execution execution = current.get();
    if (execution == null || !execution.state().isUndecided()) {
      return; // nothing left to time out: the next launch sets the alarm
    }
    // A timer that fires ahead of the ticker (a hand-moved clock in tests) rings at its time all
    // the same: set again for a deadline the ticker has not reached, it would never ring.
    long now = ticker.nanoTime();
    if (now - at < 0) {
      now = at;
    }
    if (execution.deadlineNanos() - now > 0) {
      setFor(execution); // a later execution, whose deadline is still ahead
    } else {
      // Nothing to one still NEW, which the lane may yet refuse (a time-out would free a slot
      // never taken): its launch sets the alarm once the lane has it, and that ring times it out.
      execution.timeOut();
    }
  }
}
