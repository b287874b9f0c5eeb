/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.shutdown;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waits without holding a thread, so tests can end a drain delay by hand instead of sleeping. */
@FunctionalInterface
interface Delay {

  /** Returns a future that completes once {@code duration} has passed; cancelling it ends the wait. */
  CompletableFuture<Void> after(Duration duration);

  static Delay system() {
    return duration -> duration.isZero()
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.runAsync(() -> { },
            CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
  }
}
