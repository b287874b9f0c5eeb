/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link HealthCheck} returns: up or down, and optional details. Details are for
 * operators; whether a response shows them is the deployment's choice, not the check's.
 *
 * @param healthy whether the checked thing is up
 * @param details check-specific facts, never null, immutable
 */
public record CheckResult(boolean healthy, Map<String, Object> details) {

  private static final CheckResult UP = new CheckResult(true, Map.of());
  private static final CheckResult DOWN = new CheckResult(false, Map.of());

  /** @throws NullPointerException if details, or a key or value in it, is null */
  public CheckResult {
    details = Map.copyOf(Objects.requireNonNull(details, "details"));
  }

  /** Returns an up result without details. */
  public static CheckResult up() {
    return UP;
  }

  /** Returns a down result without details. */
  public static CheckResult down() {
    return DOWN;
  }

  /** Returns an up result with the given details. */
  public static CheckResult up(Map<String, ?> details) {
    return new CheckResult(true, Map.copyOf(details));
  }

  /** Returns a down result with the given details. */
  public static CheckResult down(Map<String, ?> details) {
    return new CheckResult(false, Map.copyOf(details));
  }
}
