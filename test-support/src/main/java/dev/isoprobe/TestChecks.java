/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Checks that misbehave on demand, counting how often they start (shared through
 * isoprobe-test-support).
 */
public final class TestChecks {

  /** A time as answers show it, in a regular expression: ISO-8601 in UTC, to the millisecond. */
  public static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?Z";

  /** What a verbose text line adds to a check that is up and has always been, in a regular expression. */
  public static final String UP_SINCE = ", up since " + TIME + ", last success " + TIME;

  /**
   * Returns a verbose text body without the times its lines show, for tests about something
   * else: {@code [+]db ok, up since .., last success ..} becomes {@code [+]db ok}.
   */
  public static String withoutTimes(String body) {
    return body.replaceAll(", (up|down) since " + TIME + ", last success (" + TIME + "|never)", "");
  }

  private TestChecks() {}

  /** Blocks until released, answering interrupts like a well-behaved blocking call. */
  public static final class Blocking implements HealthCheck {
    public final CountDownLatch release = new CountDownLatch(1);
    public final CountDownLatch started = new CountDownLatch(1);
    public final AtomicInteger executions = new AtomicInteger();
    public final AtomicBoolean sawInterrupt = new AtomicBoolean();
    public final AtomicBoolean sawCancel = new AtomicBoolean();

    @Override
    public CheckResult check(CheckContext context) throws InterruptedException {
      executions.incrementAndGet();
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException interrupted) {
        sawInterrupt.set(true);
        throw interrupted;
      } finally {
        sawCancel.set(context.token().isCancelled());
      }
      return CheckResult.up();
    }
  }

  /** Ignores interrupts and cancellation until released: the badly-behaved check. */
  public static final class Uninterruptible implements HealthCheck {
    public final CountDownLatch release = new CountDownLatch(1);
    public final CountDownLatch started = new CountDownLatch(1);
    public final AtomicInteger executions = new AtomicInteger();

    @Override
    public CheckResult check(CheckContext context) {
      executions.incrementAndGet();
      started.countDown();
      boolean interrupted = false;
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException ignored) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return CheckResult.up();
    }
  }

  /**
   * Blocks until interrupted, then takes until released to return: a check that honours its
   * interrupt but unwinds slowly, as a thread waiting for a core on a busy machine does.
   */
  public static final class SlowToUnwind implements HealthCheck {
    public final CountDownLatch unwound = new CountDownLatch(1);
    public final CountDownLatch started = new CountDownLatch(1);
    public final AtomicInteger executions = new AtomicInteger();

    @Override
    public CheckResult check(CheckContext context) throws InterruptedException {
      executions.incrementAndGet();
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException interrupted) {
        awaitIgnoringInterrupts(unwound);
        throw interrupted;
      }
      throw new AssertionError("nothing counts the latch down");
    }
  }

  /** Spins on the CPU, never blocking and never looking at interrupts, until released. */
  public static final class Spinning implements HealthCheck {
    public volatile boolean spin = true;
    public final AtomicInteger executions = new AtomicInteger();

    @Override
    public CheckResult check(CheckContext context) {
      executions.incrementAndGet();
      long spins = 0;
      while (spin) {
        spins++;
      }
      return spins >= 0 ? CheckResult.up() : CheckResult.down();
    }
  }

  /**
   * Waits for {@code latch}, swallowing every interrupt and leaving none behind: a check that
   * ignores cancellation, as a socket read without a timeout does. Tests look for this method's
   * name in the stack that a shutdown reports.
   */
  public static void awaitIgnoringInterrupts(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException ignored) {
        // Badly behaved on purpose.
      }
    }
  }

  /**
   * Returns the live threads whose name starts with {@code prefix}: taken before a test and
   * after, it tells the test's threads from earlier tests' that are still ending.
   */
  public static Set<Thread> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .collect(Collectors.toSet());
  }

  /** Counts the live threads whose name starts with {@code prefix}. */
  public static long liveThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }
}
