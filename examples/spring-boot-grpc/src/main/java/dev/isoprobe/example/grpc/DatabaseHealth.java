/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * A health indicator, the {@code db} contributor as Boot names it, that can be told to hang as a
 * JDBC driver on a frozen database does: it waits, deaf to interrupts, until released. It counts
 * the times it is called, to show how many executions a storm of probes costs.
 */
@Component("dbHealthIndicator")
public class DatabaseHealth implements HealthIndicator {

  private final AtomicInteger calls = new AtomicInteger();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  @Override
  public Health health() {
    calls.incrementAndGet();
    CountDownLatch current = gate;
    boolean interrupted = false;
    while (current.getCount() > 0) {
      try {
        current.await();
      } catch (InterruptedException e) {
        interrupted = true; // a hung driver does not answer an interrupt either
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return Health.up().withDetail("database", "example").build();
  }

  /** From now on, every call waits until {@link #release()}. */
  public void hang() {
    gate = new CountDownLatch(1);
  }

  /** Lets every waiting call and every later one return up. */
  public void release() {
    gate.countDown();
  }

  /** Returns how many times Boot's health or isoprobe has called it. */
  public int calls() {
    return calls.get();
  }
}
