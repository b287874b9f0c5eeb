/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSummaryTest {

  @Test
  void thePublicApiIsTheCheckedInOne() throws Exception {
    ApiSummary.assertMatchesCheckedInSummary();
  }

  @Test
  void theSummaryWrittenKeepsEachReasonAboveItsMemberOfItsType() {
    List<String> checkedIn = List.of(
        "class a.A",
        "  # why A's toString is public",
        "  java.lang.String toString()",
        "  # why gone() was public",
        "  void gone()",
        "class a.B",
        "  java.lang.String toString()");
    List<String> built = List.of(
        "class a.A",
        "  java.lang.String toString()",
        "class a.B",
        "  int added()",
        "  java.lang.String toString()");

    assertThat(ApiSummary.withReasons(built, checkedIn)).containsExactly(
        "class a.A",
        "  # why A's toString is public",
        "  java.lang.String toString()",
        "class a.B",
        "  int added()",
        "  java.lang.String toString()");
  }
}
