/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.war;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code db} check (the bean's name less {@code HealthIndicator}, as Actuator names it): up,
 * or while {@link #hang()} holds, blocked until {@link #heal()} or interrupted, as a call to a
 * frozen database blocks. Thread-safe.
 */
@Component("dbHealthIndicator")
public class HangableDbHealthIndicator implements HealthIndicator {

  private volatile CountDownLatch healed = new CountDownLatch(0);
  private final AtomicInteger entered = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();

  /** Created by Spring. */
  public HangableDbHealthIndicator() {}

  @Override
  public Health health() {
    running.incrementAndGet();
    try {
      entered.incrementAndGet();
      healed.await();
      return Health.up().build();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Health.down().build();
    } finally {
      running.decrementAndGet();
    }
  }

  /** Makes every later check block until {@link #heal()}. */
  public void hang() {
    healed = new CountDownLatch(1);
    entered.set(0);
  }

  /** Releases every blocked check. */
  public void heal() {
    healed.countDown();
  }

  /** Returns how many checks have started since the last {@link #hang()}. */
  public int entered() {
    return entered.get();
  }

  /** Returns how many checks are running now, an interrupted one until it has returned. */
  public int running() {
    return running.get();
  }
}
