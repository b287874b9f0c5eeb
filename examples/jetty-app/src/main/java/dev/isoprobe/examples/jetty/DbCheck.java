/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.jetty;

import dev.isoprobe.CheckContext;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthCheck;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Stands in for a database ping. It takes {@code checkMillis}, and when told to hang it behaves
 * as its {@link Mode} says: blocked like a JDBC call without a timeout, or spinning on the CPU
 * deaf to interrupts. Thread-safe.
 */
final class DbCheck implements HealthCheck {

  /** How the check misbehaves. */
  enum Mode {
    /**
     * While hung, blocks until healed; ignores the token, but an interrupt (isoprobe's, at the
     * deadline and on shutdown) ends the wait.
     */
    BLOCK,
    /** While hung, spins on the CPU until healed, ignoring the token and interrupts. */
    SPIN,
    /**
     * Ignores {@code /admin/hang}: healthy, then blocked, then spinning, one phase each
     * {@code cycleMillis}, round and round; a blocked or spinning call ends with its phase.
     */
    CYCLE;

    /** Parses {@code block}, {@code spin} or {@code cycle}, in any case. */
    static Mode parse(String name, String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        throw new IllegalArgumentException(name + ": '" + text + "' (expected: block, spin or cycle)");
      }
    }
  }

  private final long checkMillis;
  private final Mode mode;
  private final long cycleNanos;
  private final LongSupplier nanoTime;
  private final long start;
  /** Set while hanging; healing counts it down. */
  private final AtomicReference<CountDownLatch> hang = new AtomicReference<>();

  DbCheck(long checkMillis, boolean hang) {
    this(checkMillis, hang, Mode.BLOCK, 1, System::nanoTime);
  }

  DbCheck(long checkMillis, boolean hang, Mode mode, long cycleMillis, LongSupplier nanoTime) {
    this.checkMillis = checkMillis;
    this.mode = mode;
    this.cycleNanos = TimeUnit.MILLISECONDS.toNanos(cycleMillis);
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    if (hang) {
      hang();
    }
  }

  void hang() {
    hang.compareAndSet(null, new CountDownLatch(1));
  }

  void heal() {
    CountDownLatch gate = hang.getAndSet(null);
    if (gate != null) {
      gate.countDown();
    }
  }

  boolean hanging() {
    return mode == Mode.CYCLE ? phase() != 0 : hang.get() != null;
  }

  @Override
  public CheckResult check(CheckContext context) throws InterruptedException {
    if (mode == Mode.CYCLE) {
      cycle();
    } else {
      CountDownLatch gate = hang.get();
      if (gate != null && mode == Mode.SPIN) {
        spinWhile(() -> gate.getCount() > 0);
      } else if (gate != null) {
        gate.await();
      }
    }
    if (checkMillis > 0) {
      // The latency of a slow but working database.
      new CountDownLatch(1).await(checkMillis, TimeUnit.MILLISECONDS);
    }
    return CheckResult.up();
  }

  /** 0 healthy, 1 blocked, 2 spinning. */
  private long phase() {
    return (nanoTime.getAsLong() - start) / cycleNanos % 3;
  }

  private void cycle() throws InterruptedException {
    long elapsed = nanoTime.getAsLong() - start;
    long phaseEnd = start + (elapsed / cycleNanos + 1) * cycleNanos;
    long phase = elapsed / cycleNanos % 3;
    if (phase == 1) {
      // Interruptible, so isoprobe's interrupt at the deadline ends it.
      new CountDownLatch(1).await(Math.max(0, phaseEnd - nanoTime.getAsLong()), TimeUnit.NANOSECONDS);
    } else if (phase == 2) {
      spinWhile(() -> nanoTime.getAsLong() - phaseEnd < 0);
    }
  }

  /** Burns a CPU while the condition holds; interrupts and the token are ignored on purpose. */
  private static void spinWhile(BooleanSupplier condition) {
    while (condition.getAsBoolean()) {
      Thread.onSpinWait();
    }
  }
}
