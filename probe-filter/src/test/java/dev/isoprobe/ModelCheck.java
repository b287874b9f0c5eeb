/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check of the model tests, behaving as its {@link Kind} says. It can be made to hang and to
 * heal, and counts how many of its executions run at once, which must never be more than one.
 */
final class ModelCheck implements HealthCheck {

  /** What a check's message would leak, were it not redacted. */
  static final String SECRET = "hunter2";

  enum Kind {
    /** Returns at once. */
    FAST,
    /** Returns at once, with a detail whose {@code toString()} throws. */
    UNRENDERABLE,
    /** Blocks while hung, until interrupted. */
    BLOCKING,
    /** Spins while hung, deaf to interrupts and to its token. */
    SPINNING,
    THROWING,
    NULL,
    /** Blocks while hung, deaf to interrupts, with a cancel callback that blocks as long. */
    BLOCKING_CALLBACK,
    /** Blocks while hung, until interrupted, with a cancel callback that throws. */
    THROWING_CALLBACK;

    boolean healthy() {
      return this == FAST || this == UNRENDERABLE;
    }
  }

  /** A detail whose {@code toString()} throws, as a list the check keeps changing does. */
  private static final Object UNRENDERABLE_DETAIL = new Object() {
    @Override
    public String toString() {
      throw new IllegalStateException("ConcurrentModificationException in " + SECRET);
    }
  };

  final String name;
  final Kind kind;
  final AtomicInteger mostRunning = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  /** While not null, an execution that can hang waits on it. */
  private volatile CountDownLatch hung;

  ModelCheck(String name, Kind kind) {
    this.name = name;
    this.kind = kind;
  }

  @Override
  public CheckResult check(CheckContext context) throws Exception {
    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      return run(context, hung);
    } finally {
      running.decrementAndGet();
    }
  }

  private CheckResult run(CheckContext context, CountDownLatch latch) throws Exception {
    switch (kind) {
      case FAST -> { }
      case UNRENDERABLE -> {
        return CheckResult.up(Map.of("rows", UNRENDERABLE_DETAIL));
      }
      case BLOCKING -> awaitInterruptibly(latch);
      case SPINNING -> {
        while (latch != null && latch.getCount() > 0) {
          Thread.onSpinWait();
        }
      }
      case THROWING -> throw new IllegalStateException("jdbc://admin:" + SECRET + "@db refused");
      case NULL -> {
        return null;
      }
      case BLOCKING_CALLBACK -> {
        // A statement whose cancel opens a connection: it blocks while the dependency hangs.
        context.token().onCancel(() -> awaitUninterruptibly(latch));
        awaitUninterruptibly(latch);
      }
      case THROWING_CALLBACK -> {
        context.token().onCancel(() -> {
          throw new AssertionError("a bug in a cancel callback");
        });
        awaitInterruptibly(latch);
      }
    }
    return CheckResult.up();
  }

  private static void awaitInterruptibly(CountDownLatch latch) throws InterruptedException {
    if (latch != null) {
      latch.await();
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (latch != null && latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException ignored) {
        // As a socket read does.
      }
    }
  }

  void toggle() {
    if (hung == null) {
      hung = new CountDownLatch(1);
    } else {
      heal();
    }
  }

  void heal() {
    CountDownLatch latch = hung;
    hung = null;
    if (latch != null) {
      latch.countDown();
    }
  }
}
