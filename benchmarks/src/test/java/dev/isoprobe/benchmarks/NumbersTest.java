/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static dev.isoprobe.benchmarks.Numbers.fixed;
import static dev.isoprobe.benchmarks.Numbers.isNumber;
import static dev.isoprobe.benchmarks.Numbers.text;
import static dev.isoprobe.benchmarks.Numbers.truncated;
import static dev.isoprobe.benchmarks.Numbers.value;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

  @Test
  void fixedRoundsAsPrintfDoesHalfToEvenOnTheExactValue() {
    assertThat(fixed(0.125, 2)).isEqualTo("0.12");
    assertThat(fixed(0.375, 2)).isEqualTo("0.38");
    assertThat(fixed(1.25, 1)).isEqualTo("1.2");
    assertThat(fixed(2.5, 0)).isEqualTo("2");
    assertThat(fixed(3.5, 0)).isEqualTo("4");
    assertThat(fixed(28294.5, 0)).isEqualTo("28294");
    // 1.005 is 1.00499999999999989... in binary: below the half, whatever its shortest decimal says.
    assertThat(fixed(1.005, 2)).isEqualTo("1.00");
    assertThat(fixed(840.05, 1)).isEqualTo("840.0");
    assertThat(fixed(801234 / 1000.0, 1)).isEqualTo("801.2");
  }

  @Test
  void fixedKeepsTheSignOfWhatRoundsToZero() {
    assertThat(fixed(-0.04, 1)).isEqualTo("-0.0");
    assertThat(fixed(-1.5, 1)).isEqualTo("-1.5");
    assertThat(fixed(0.0, 2)).isEqualTo("0.00");
  }

  @Test
  void fixedOfDivisionByZeroIsInf() {
    assertThat(fixed(1.0 / 0, 2)).isEqualTo("inf");
    assertThat(fixed(-1.0 / 0, 2)).isEqualTo("-inf");
  }

  @Test
  void truncatedCutsTowardZero() {
    assertThat(truncated(131876 / 1024.0)).isEqualTo("128");
    assertThat(truncated(1.99)).isEqualTo("1");
    assertThat(truncated(-7.9)).isEqualTo("-7");
  }

  @Test
  void textPrintsIntegersPlainlyAndOthersWithSixSignificantDigits() {
    assertThat(text((0.93 + 0.94) / 2)).isEqualTo("0.935");
    assertThat(text((0.90 + 1.10) / 2)).isEqualTo("1");
    assertThat(text(10)).isEqualTo("10");
    assertThat(text(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(text(1234567.5)).isEqualTo("1.23457e+06");
    assertThat(text(0.00001234)).isEqualTo("1.234e-05");
    assertThat(text(3e9)).isEqualTo("3e+09");
  }

  @Test
  void valueReadsTheLeadingNumberOrZero() {
    assertThat(value("801234")).isEqualTo(801234);
    assertThat(value("0.85")).isEqualTo(0.85);
    assertThat(value(" 12 ms")).isEqualTo(12);
    assertThat(value("1e3")).isEqualTo(1000);
    assertThat(value("-3.5x")).isEqualTo(-3.5);
    assertThat(value("never")).isZero();
    assertThat(value("n/a")).isZero();
    assertThat(value("")).isZero();
  }

  @Test
  void aNumberIsAPlainDecimal() {
    assertThat(isNumber("801234")).isTrue();
    assertThat(isNumber("0.85")).isTrue();
    assertThat(isNumber("-2")).isTrue();
    assertThat(isNumber("")).isFalse();
    assertThat(isNumber("n/a")).isFalse();
    assertThat(isNumber("never")).isFalse();
    assertThat(isNumber("1e3")).isFalse();
    assertThat(isNumber("+1")).isFalse();
    assertThat(isNumber("1.")).isFalse();
    assertThat(isNumber("12 ")).isFalse();
  }
}
