package dev.isoprobe.example.boot;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Stands for a database check that can hang the way a JDBC call without a socket timeout does:
 * blocked, and deaf to interrupts. Actuator and isoprobe both name it {@code db}. Thread-safe.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator {

  /** Non-null while hanging: calls wait on it until {@link #heal()}. */
  private volatile CountDownLatch hang;

  /** How long a healthy call takes: the latency of a slow but working database. */
  private final Duration delay;

  DatabaseHealthIndicator(@Value("${example.hang:false}") boolean hangAtStart,
      @Value("${example.check-delay:0ms}") Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("example.check-delay: " + delay + " (expected: >= 0)");
    }
    this.delay = delay;
    if (hangAtStart) {
      hang();
    }
  }

  @Override
  public Health health() {
    CountDownLatch latch = hang;
    if (latch != null) {
      awaitIgnoringInterrupts(latch);
    }
    if (!delay.isZero()) {
      try {
        new CountDownLatch(1).await(delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return Health.down().withDetail("database", "interrupted").build();
      }
    }
    return Health.up().withDetail("database", "example").build();
  }

  /** Makes every following call block until {@link #heal()}. */
  synchronized void hang() {
    if (hang == null) {
      hang = new CountDownLatch(1);
    }
  }

  /** Releases the blocked calls and makes the following ones healthy. */
  synchronized void heal() {
    CountDownLatch latch = hang;
    hang = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  boolean isHanging() {
    return hang != null;
  }

  /** Like a blocking socket read: an interrupt does not end the wait. */
  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException ignored) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
