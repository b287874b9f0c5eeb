/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One thread that fires deadlines, and ends after an idle spell. The engine's fires check
 * deadlines ({@code isoprobe-timer}); the in-flight watchdog has its own ({@code
 * isoprobe-watchdog}). Neither runs a check: they settle reports, cancel tokens, interrupt and
 * answer, so a hung check cannot delay another check's deadline.
 */
final class DeadlineTimer implements Scheduler {

  private final ScheduledThreadPoolExecutor scheduler;

  /** @param name the timer's name; its thread is {@code isoprobe-<name>-<n>} */
  DeadlineTimer(String name, Set<Thread> started) {
    ThreadFactory threads = Lane.daemonThreads("isoprobe-" + name + "-", started);
    scheduler = new ScheduledThreadPoolExecutor(1, threads);
    scheduler.setKeepAliveTime(10, TimeUnit.SECONDS);
    scheduler.allowCoreThreadTimeOut(true);
  }

  @Override
  public void schedule(Runnable task, long delayNanos) {
    scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void shutdown() {
    scheduler.shutdownNow();
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return scheduler.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
