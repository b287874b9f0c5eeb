package dev.isoprobe;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that fires check deadlines. It never runs a check: it only settles reports,
 * cancels tokens and interrupts, so a hung check cannot delay another check's deadline.
 */
final class DeadlineTimer {

  private final ScheduledThreadPoolExecutor scheduler;

  DeadlineTimer(Set<Thread> started) {
    scheduler = new ScheduledThreadPoolExecutor(1, Lane.daemonThreads("isoprobe-timer-", started));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setKeepAliveTime(10, TimeUnit.SECONDS);
    scheduler.allowCoreThreadTimeOut(true);
  }

  ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
  }

  void shutdown() {
    scheduler.shutdownNow();
  }

  boolean awaitTermination(Duration timeout) throws InterruptedException {
    return scheduler.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
