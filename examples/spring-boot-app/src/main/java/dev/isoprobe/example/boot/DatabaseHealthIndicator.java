package dev.isoprobe.example.boot;

import java.util.concurrent.CountDownLatch;
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

  DatabaseHealthIndicator(@Value("${example.hang:false}") boolean hangAtStart) {
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
