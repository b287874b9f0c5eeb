/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one probe: the report of each check it ran, in registration order.
 *
 * @param probe the probe's name as its path says it, such as {@code readyz}
 * @param checks the checks that ran, immutable; empty when the probe holds no check
 */
record ProbeReport(String probe, List<CheckReport> checks) {

  ProbeReport {
    Objects.requireNonNull(probe, "probe");
    checks = List.copyOf(checks);
  }

  /** Returns if every check is up; a probe with no check is up. */
  boolean isUp() {
    for (CheckReport check : checks) {
      if (!check.isUp()) {
        return false;
      }
    }
    return true;
  }

  /** Returns if a check's outcome goes against the status its thresholds give it. */
  boolean hasPending() {
    for (CheckReport check : checks) {
      if (check.isPending()) {
        return true;
      }
    }
    return false;
  }
}
