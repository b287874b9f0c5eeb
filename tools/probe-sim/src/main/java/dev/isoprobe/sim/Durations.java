/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the durations of the command line: {@code 2}, {@code 0.5}, {@code 2s}, {@code 800ms}. */
final class Durations {

  /** Longer than any probe setting or bounded run has a reason to be; keeps the arithmetic far from overflow. */
  static final Duration MAX = Duration.ofDays(1);

  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)?");

  private Durations() {}

  /**
   * Parses {@code value}: a number of seconds (fractions allowed) or of milliseconds with {@code ms}.
   *
   * @param name how the value is named in the error message, e.g. {@code "--deadline"}
   * @throws UsageException if the value is malformed, finer than a millisecond, or over a day
   */
  static Duration parse(String name, String value) throws UsageException {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new UsageException(name + ": " + value + " (expected: a duration such as 2, 0.5, 2s or 800ms)");
    }
    BigDecimal millis = new BigDecimal(m.group(1));
    if (!"ms".equals(m.group(2))) {
      millis = millis.movePointRight(3);
    }
    if (millis.compareTo(BigDecimal.valueOf(MAX.toMillis())) > 0) {
      throw new UsageException(name + ": " + value + " (expected: <= " + format(MAX) + ")");
    }
    try {
      return Duration.ofMillis(millis.setScale(0, RoundingMode.UNNECESSARY).longValueExact());
    } catch (ArithmeticException finerThanMillis) {
      throw new UsageException(name + ": " + value + " (expected: whole milliseconds)");
    }
  }

  /** Parses a duration that must be above zero. */
  static Duration parsePositive(String name, String value) throws UsageException {
    Duration d = parse(name, value);
    if (d.isZero()) {
      throw new UsageException(name + ": " + value + " (expected: > 0)");
    }
    return d;
  }

  /** Seconds with up to three decimals and no trailing zeros: {@code 4.8 s}, {@code 0 s}, {@code 0.25 s}. */
  static String format(Duration d) {
    return seconds(d.toMillis()) + " s";
  }

  /** {@link #format(Duration)} without the unit. */
  static String seconds(long millis) {
    return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
  }
}
