package dev.isoprobe;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Checks that misbehave on demand, counting how often they start (shared through the test-jar). */
public final class TestChecks {

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

  /** Counts the live threads whose name starts with {@code prefix}. */
  public static long liveThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }
}
