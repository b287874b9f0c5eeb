/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsTest {

  @Test
  void aRowIsKeyEqualsValueAndTheValueMayHoldEquals() {
    Results results = Results.parse("jfr.option=-XX:StartFlightRecording=settings=default\nnot a row\n");

    assertThat(results.raw("jfr.option")).isEqualTo("-XX:StartFlightRecording=settings=default");
    assertThat(results.hasRow("not a row")).isFalse();
  }

  @Test
  void aKeyWrittenTwiceKeepsItsFirstPlaceAndItsLastValue() {
    Results results = Results.parse("load.a=1\nload.b=2\nload.a=3\n");

    assertThat(results.startingWith("load.")).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
  }

  @Test
  void anEmptyOrAbsentFigureIsMissingAndNotedOnceInTheOrderRead() {
    Results results = Results.parse("empty=\nthere=7\n");

    assertThat(results.figure("there")).isEqualTo("7");
    assertThat(results.figure("absent")).isEqualTo("n/a");
    assertThat(results.ms("empty")).isEqualTo("n/a");
    assertThat(results.figure("absent")).isEqualTo("n/a");
    assertThat(results.missingFigures()).containsExactly("absent", "empty");
  }

  @Test
  void rawReadsWithoutNotingAnything() {
    Results results = Results.parse("empty=\n");

    assertThat(results.raw("empty")).isEmpty();
    assertThat(results.raw("absent")).isEmpty();
    assertThat(results.hasRow("empty")).isTrue();
    assertThat(results.has("empty")).isFalse();
    assertThat(results.missingFigures()).isEmpty();
  }

  @Test
  void figuresArePrintedInTheirUnits() {
    Results results = Results.parse("p99_us=801250\nrps=27400.5\nrss_kb=131876\n");

    assertThat(results.ms("p99_us")).isEqualTo("801.2");
    assertThat(results.rps("rps")).isEqualTo("27400");
    assertThat(results.mib("rss_kb")).isEqualTo("128");
  }
}
