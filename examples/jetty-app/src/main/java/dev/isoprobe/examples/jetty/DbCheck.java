package dev.isoprobe.examples.jetty;

import dev.isoprobe.CheckContext;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthCheck;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for a database ping. It takes {@code checkMillis}, and when told to hang it blocks
 * like a JDBC call without a timeout: it ignores the cancellation token and returns only when
 * healed or interrupted (isoprobe interrupts it at the deadline and on shutdown).
 */
final class DbCheck implements HealthCheck {

  private final long checkMillis;
  /** Set while hanging; healing counts it down. */
  private final AtomicReference<CountDownLatch> hang = new AtomicReference<>();

  DbCheck(long checkMillis, boolean hang) {
    this.checkMillis = checkMillis;
    if (hang) {
      hang();
    }
  }

  void hang() {
    hang.compareAndSet(null, new CountDownLatch(1));
  }

  void heal() {
    CountDownLatch gate = hang.getAndSet(null);
    if (gate != null) {
      gate.countDown();
    }
  }

  boolean hanging() {
    return hang.get() != null;
  }

  @Override
  public CheckResult check(CheckContext context) throws InterruptedException {
    CountDownLatch gate = hang.get();
    if (gate != null) {
      gate.await();
    }
    if (checkMillis > 0) {
      // The latency of a slow but working database.
      new CountDownLatch(1).await(checkMillis, TimeUnit.MILLISECONDS);
    }
    return CheckResult.up();
  }
}
