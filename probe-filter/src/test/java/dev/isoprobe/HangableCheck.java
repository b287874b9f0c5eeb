package dev.isoprobe;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check of the model tests: it can be made to hang and to heal, and counts how many of its
 * executions run at once, which must never be more than one.
 */
abstract class HangableCheck implements HealthCheck {

  final String name;
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger mostRunning = new AtomicInteger();
  /** While not null, an execution that can hang waits on it. */
  private volatile CountDownLatch hung;

  HangableCheck(String name) {
    this.name = name;
  }

  @Override
  public final CheckResult check(CheckContext context) throws Exception {
    mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      return run(context, hung);
    } finally {
      running.decrementAndGet();
    }
  }

  /** Runs one execution; {@code hung}, when not null, is what a hanging one waits on. */
  abstract CheckResult run(CheckContext context, CountDownLatch hung) throws Exception;

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
