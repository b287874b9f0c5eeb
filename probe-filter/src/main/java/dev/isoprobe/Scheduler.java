package dev.isoprobe;

/**
 * Runs a task once after a delay on the {@link Ticker}'s clock: the seam through which tests run
 * every deadline on a fake clock, as Caffeine's {@code Scheduler} does.
 */
@FunctionalInterface
interface Scheduler {

  /** @throws java.util.concurrent.RejectedExecutionException once the scheduler is stopped */
  void schedule(Runnable task, long delayNanos);
}
