/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/** The built-in liveness check: down when threads are deadlocked on monitors or locks. */
final class DeadlockCheck implements HealthCheck {

  static final String NAME = "deadlock";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  static Check check() {
    return Check.builder(NAME, new DeadlockCheck()).groups(Group.LIVENESS).build();
  }

  @Override
  public CheckResult check(CheckContext context) {
    long[] deadlocked = threads.findDeadlockedThreads();
    return deadlocked == null
        ? CheckResult.up()
        : CheckResult.down(Map.of("deadlockedThreads", deadlocked.length));
  }
}
