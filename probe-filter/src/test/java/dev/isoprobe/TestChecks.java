package dev.isoprobe;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Checks that misbehave on demand, counting how often they start. */
final class TestChecks {

  private TestChecks() {}

  /** Blocks until released, answering interrupts like a well-behaved blocking call. */
  static final class Blocking implements HealthCheck {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicInteger executions = new AtomicInteger();
    final AtomicBoolean sawInterrupt = new AtomicBoolean();
    final AtomicBoolean sawCancel = new AtomicBoolean();

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
  static final class Uninterruptible implements HealthCheck {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch started = new CountDownLatch(1);
    final AtomicInteger executions = new AtomicInteger();

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
  static final class Spinning implements HealthCheck {
    volatile boolean spin = true;
    final AtomicInteger executions = new AtomicInteger();

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

  static long liveThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }
}
