/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to numbers and back, as the reports have always printed them: the renderer was an awk
 * program, and a report rendered today must read like one rendered then, figure for figure.
 * Text is read as awk reads it (its leading decimal number, else 0), and numbers are printed with
 * C's printf rounding, half to even on the exact binary value: Java's {@code Formatter} rounds
 * half up on the shortest decimal, which prints 0.125 as 0.13 where printf prints 0.12.
 */
final class Numbers {

  /** What the reports count as a figure: a plain decimal, no sign but a minus, no exponent. */
  private static final Pattern FIGURE = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  /** The part of a text that awk reads as a number (C's strtod, decimals only). */
  private static final Pattern LEADING_NUMBER =
      Pattern.compile("[ \\t\\n\\x0B\\f\\r]*([+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)");
  private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

  private Numbers() {}

  /** Whether the text is a figure that arithmetic may use: a missing one reads as n/a. */
  static boolean isNumber(String text) {
    return FIGURE.matcher(text).matches();
  }

  /** The text as a number, the way awk's {@code text + 0} reads it: 0 when it starts with none. */
  static double value(String text) {
    Matcher number = LEADING_NUMBER.matcher(text);
    return number.lookingAt() ? Double.parseDouble(number.group(1)) : 0;
  }

  /** {@code printf("%.<decimals>f", x)}. */
  static String fixed(double x, int decimals) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return nonFinite(x);
    }
    String digits = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    // BigDecimal has no negative zero; printf keeps the sign of what it rounded, -0.04 -> -0.0.
    return Math.copySign(1.0, x) < 0 && !digits.startsWith("-") ? "-" + digits : digits;
  }

  /** {@code printf("%d", x)} of a computed number: truncated toward zero. */
  static String truncated(double x) {
    return Long.toString((long) x);
  }

  /**
   * A computed number as awk writes it into text: an integer (in awk's int range) plainly,
   * anything else as {@code printf("%.6g")}, which drops trailing zeros: 0.935, not 0.935000.
   */
  static String text(double x) {
    if (x == Math.rint(x) && Math.abs(x) <= Integer.MAX_VALUE) {
      return Long.toString((long) x);
    }
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return nonFinite(x);
    }
    BigDecimal rounded = new BigDecimal(x).round(SIX_DIGITS);
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent >= -4 && exponent < 6) {
      return rounded.stripTrailingZeros().toPlainString();
    }
    String mantissa = rounded.movePointLeft(exponent).stripTrailingZeros().toPlainString();
    return String.format(Locale.ROOT, "%se%s%02d", mantissa, exponent < 0 ? "-" : "+",
        Math.abs(exponent));
  }

  private static String nonFinite(double x) {
    return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  }
}
