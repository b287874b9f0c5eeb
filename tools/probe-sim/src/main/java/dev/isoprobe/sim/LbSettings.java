/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.time.Duration;

/**
 * A load balancer's health check, as run by each of {@code callers} independent checkers (an LB
 * node, a proxy replica): each one ejects the instance on its own after {@code unhealthy}
 * consecutive failures and takes it back after {@code healthy} consecutive successes.
 *
 * @param callers how many independent checkers probe the instance
 * @param interval time between the starts of one checker's checks
 * @param timeout a check without a response by then is a failure
 * @param unhealthy consecutive failures before a checker ejects the instance
 * @param healthy consecutive successes before a checker takes it back
 * @param path the HTTP path probed in live mode
 */
record LbSettings(int callers, Duration interval, Duration timeout, int unhealthy, int healthy, String path) {

  /** HAProxy-like defaults (inter 2s, fall 3, rise 2) with a 1 s timeout, one caller, {@code /readyz}. */
  static LbSettings defaults() {
    return new LbSettings(1, Duration.ofSeconds(2), Duration.ofSeconds(1), 3, 2, "/readyz");
  }

  @Override
  public String toString() {
    return callers + (callers == 1 ? " caller" : " callers") + ", interval " + Durations.format(interval)
        + ", timeout " + Durations.format(timeout) + ", unhealthy " + unhealthy + ", healthy " + healthy;
  }
}
