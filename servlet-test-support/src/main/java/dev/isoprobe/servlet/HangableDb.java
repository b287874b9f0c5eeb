/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import jakarta.servlet.ServletContext;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web application's check provider, named in the test WARs' isoprobe.properties: one readiness
 * check {@code db} that answers up, or while {@link #hang()} holds blocks until healed (or
 * interrupted, as isoprobe interrupts at the deadline and on shutdown). The WARs load it from the
 * test class path; {@link AdminServlet} switches it over HTTP, also in a server of its own process.
 */
public final class HangableDb implements CheckProvider {

  private static volatile CountDownLatch healed = new CountDownLatch(0);
  private static final AtomicInteger entered = new AtomicInteger();
  private static final AtomicInteger running = new AtomicInteger();

  public HangableDb() {}

  /** Makes every later run block until {@link #heal()}. */
  public static void hang() {
    healed = new CountDownLatch(1);
    entered.set(0);
  }

  public static void heal() {
    healed.countDown();
  }

  /** Returns how many runs have started since the last {@link #hang()}. */
  public static int entered() {
    return entered.get();
  }

  /** Returns how many runs are inside the check now, an interrupted one until it has left. */
  public static int running() {
    return running.get();
  }

  @Override
  public Collection<Check> checks(ServletContext context) {
    return List.of(Check.builder("db", ctx -> {
      running.incrementAndGet();
      try {
        entered.incrementAndGet();
        healed.await();
        return CheckResult.up();
      } finally {
        running.decrementAndGet();
      }
    }).build());
  }
}
