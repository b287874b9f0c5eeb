/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;

/**
 * Runs a task once after a delay on the {@link Ticker}'s clock: the seam through which tests run
 * every deadline on a fake clock, as Caffeine's {@code Scheduler} does.
 */
@FunctionalInterface
interface Scheduler {

  /** @throws java.util.concurrent.RejectedExecutionException once the scheduler is stopped */
  void schedule(Runnable task, long delayNanos);

  /**
   * Schedules {@code task} as {@link #schedule} does, and returns false rather than throw when the
   * scheduler refused it: it is stopping, or could not start its thread (an
   * {@code OutOfMemoryError} at a container's pid limit; the task may then still run, once a later
   * schedule starts one). The one way the engine schedules, so that each caller decides what a
   * refusal means for it, and none is left half-armed.
   */
  default boolean trySchedule(Runnable task, long delayNanos) {
    try {
      schedule(task, delayNanos);
      return true;
    } catch (RuntimeException | Error refused) {
      return false;
    }
  }

  /** Stops: tasks not yet run never run, and {@link #schedule} throws. */
  default void shutdown() {}

  /** Waits up to {@code timeout} for a task running now to return; true if none is left. */
  default boolean awaitTermination(Duration timeout) throws InterruptedException {
    return true;
  }
}
