/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the setting, its value and what was expected. */
final class Limits {

  /** The most executions in a row a failure or success threshold may count. */
  static final int MAX_THRESHOLD = 100;

  private Limits() {}

  static Duration positive(String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(setting + ": " + value + " (expected: > 0)");
    }
    return value;
  }

  static Duration notNegative(String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    if (value.isNegative()) {
      throw new IllegalArgumentException(setting + ": " + value + " (expected: >= 0)");
    }
    return value;
  }

  static Duration atMost(String setting, Duration value, Duration max) {
    if (value.compareTo(max) > 0) {
      throw new IllegalArgumentException(setting + ": " + value + " (expected: <= " + max + ")");
    }
    return value;
  }

  static int between(String setting, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          setting + ": " + value + " (expected: " + min + " to " + max + ")");
    }
    return value;
  }
}
