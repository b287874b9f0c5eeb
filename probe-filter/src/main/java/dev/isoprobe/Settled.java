/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/**
 * A report (a check's, or a probe's of its checks) as the thread that settled it passes it on, and
 * where the answers it makes ready are written: on that thread, or, when {@code handOff} is set,
 * in the answer lane ({@link AnswerWriter}), their waits there measured for that reserve. The
 * deadline timer hands off every answer, so that no deadline waits behind writes; a check thread
 * hands off those of a report that many probes joined, which it would otherwise write newest
 * first (the order {@link java.util.concurrent.CompletableFuture} runs callbacks in), the oldest
 * last and late. A probe that finds a report settled already has it {@link #here}: no thread but
 * its own is involved.
 *
 * @param handOff the reserve of the check whose answers go to the answer lane; null to write
 *     them where the report is
 */
record Settled<R>(R report, AnswerReserve handOff) {

  /** A report whose answers are written on the thread that has it. */
  static <R> Settled<R> here(R report) {
    return new Settled<>(report, null);
  }
}
