package dev.isoprobe;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that fires check deadlines. It never runs a check: it only settles reports,
 * cancels tokens and interrupts, so a hung check cannot delay another check's deadline.
 */
final class DeadlineTimer {

  private final ScheduledThreadPoolExecutor scheduler;
  /** The scheduler's thread; a new one replaces it after an idle spell. */
  private volatile Thread thread;

  DeadlineTimer(Set<Thread> started) {
    ThreadFactory threads = Lane.daemonThreads("isoprobe-timer-", started);
    scheduler = new ScheduledThreadPoolExecutor(1, task -> thread = threads.newThread(task));
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setKeepAliveTime(10, TimeUnit.SECONDS);
    scheduler.allowCoreThreadTimeOut(true);
  }

  ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** Returns if the calling thread is the timer's. */
  boolean isTimerThread() {
    return Thread.currentThread() == thread;
  }

  void shutdown() {
    scheduler.shutdownNow();
  }

  boolean awaitTermination(Duration timeout) throws InterruptedException {
    return scheduler.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
