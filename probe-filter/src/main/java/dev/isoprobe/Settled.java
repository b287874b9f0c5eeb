/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/**
 * A report (a check's, or a probe's of its checks) as the thread that settled it passes it on, and
 * where the answers it makes ready are written: on whatever thread has it, or, when
 * {@code handOff} is set and that thread is the one that settled it, in the answer lane
 * ({@link AnswerWriter}), their waits there measured for that reserve. The deadline timer hands
 * off every answer, so that no deadline waits behind writes; a check thread hands off those of a
 * report that many probes joined, which it would otherwise write newest first (the order
 * {@link java.util.concurrent.CompletableFuture} runs callbacks in), the oldest last and late. A
 * probe whose own thread has the report (it found it settled, or it was settled as the probe
 * joined) writes its answer there and then: the hand-off is the settling thread's alone.
 *
 * @param handOff the reserve of the check whose answers go to the answer lane; null to write
 *     them where the report is
 * @param settledOn the thread that settled it and hands off its answers; null when none are
 */
record Settled<R>(R report, AnswerReserve handOff, Thread settledOn) {

  /** A report settled on this thread, whose answers it hands off when {@code handOff} is set. */
  Settled(R report, AnswerReserve handOff) {
    this(report, handOff, handOff == null ? null : Thread.currentThread());
  }

  /** Returns if the answers of this report go to the answer lane when written on this thread. */
  boolean handsOffHere() {
    return handOff != null && settledOn == Thread.currentThread();
  }

  /** A report whose answers are written on the thread that has it. */
  static <R> Settled<R> here(R report) {
    return new Settled<>(report, null);
  }
}
