/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A dependency's indicator that a test can make hang: on a latch, either giving up when
 * interrupted (a well-behaved client) or ignoring interrupts (a socket read without a timeout).
 */
public final class ControllableHealthIndicator implements HealthIndicator {

  /** How {@link #health()} behaves. */
  public enum Mode { HEALTHY, HANG, HANG_IGNORING_INTERRUPTS }

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger hanging = new AtomicInteger();
  private volatile Mode mode = Mode.HEALTHY;
  private volatile CountDownLatch release = new CountDownLatch(1);

  @Override
  public Health health() {
    calls.incrementAndGet();
    Mode now = mode;
    if (now == Mode.HEALTHY) {
      return Health.up().withDetail("pool", "ok").build();
    }
    hanging.incrementAndGet();
    try {
      return now == Mode.HANG ? hangInterruptibly() : hangIgnoringInterrupts();
    } finally {
      hanging.decrementAndGet();
    }
  }

  private Health hangInterruptibly() {
    try {
      release.await();
      return Health.up().build();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Health.down().build();
    }
  }

  private Health hangIgnoringInterrupts() {
    boolean interrupted = false;
    while (true) {
      try {
        release.await();
        break;
      } catch (InterruptedException ignored) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return Health.up().build();
  }

  /** Makes the following calls hang until {@link #heal()}. */
  public void hang(Mode mode) {
    release = new CountDownLatch(1);
    this.mode = mode;
  }

  /** Makes calls healthy again and releases the hanging ones. */
  public void heal() {
    mode = Mode.HEALTHY;
    release.countDown();
  }

  /** Returns how many times {@link #health()} was called. */
  public int calls() {
    return calls.get();
  }

  /** Returns how many calls are hanging now. */
  public int hanging() {
    return hanging.get();
  }
}
