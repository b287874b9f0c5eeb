/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/**
 * Whether the answers a thread makes ready go to the answer lane, and which check's
 * {@link AnswerReserve} their wait there is measured for. The deadline timer hands off every
 * answer, so that no deadline waits behind writes; a check thread hands off those of a report
 * that many probes joined, which it would otherwise write newest first (the order
 * {@link java.util.concurrent.CompletableFuture} runs callbacks in), the oldest last and late.
 * Read by {@link ProbeEngine#answer}.
 */
final class AnswerHandoff {

  private static final ThreadLocal<AnswerReserve> MEASURED_FOR = new ThreadLocal<>();

  private AnswerHandoff() {}

  /** Runs {@code settle} with the answers it makes ready handed off and measured for {@code reserve}. */
  static void handOff(AnswerReserve reserve, Runnable settle) {
    AnswerReserve outer = MEASURED_FOR.get();
    MEASURED_FOR.set(reserve);
    try {
      settle.run();
    } finally {
      if (outer == null) {
        MEASURED_FOR.remove();
      } else {
        MEASURED_FOR.set(outer);
      }
    }
  }

  /** Returns the reserve the answers made ready now are measured for, or null to write them here. */
  static AnswerReserve reserve() {
    return MEASURED_FOR.get();
  }
}
