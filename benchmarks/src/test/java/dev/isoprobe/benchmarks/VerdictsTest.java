/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static dev.isoprobe.benchmarks.Verdicts.FAIL;
import static dev.isoprobe.benchmarks.Verdicts.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.benchmarks.Verdicts.RoundRatios;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictsTest {

  private static final String NA = "n/a";
  private static final Results LIMITS = Results.parse("limit.deadline_ms=800\nlimit.p99_slack_pct=5\n"
      + "limit.min_healthz_ratio=0.85\nlimit.max_isoprobe_threads=10\nafter_secs=15\n");

  @Test
  void aVerdictNeedsItsFigures() {
    assertThat(Verdicts.verdict(true, true)).isEqualTo(PASS);
    assertThat(Verdicts.verdict(true, false)).isEqualTo(FAIL);
    assertThat(Verdicts.verdict(false, true)).isEqualTo(NA);
    assertThat(Verdicts.verdict(false, false)).isEqualTo(NA);
  }

  @Test
  void theP99LimitIsTheDeadlinePlusTheSlack() {
    assertThat(Verdicts.p99Limit(LIMITS)).isEqualTo("840.00");
    assertThat(Verdicts.p99Limit(Results.parse("limit.deadline_ms=1000\nlimit.p99_slack_pct=10\n")))
        .isEqualTo("1100.00");
  }

  @Test
  void aStormP99OverTheLimitFailsAndUnderItPasses() {
    assertThat(Verdicts.stormP99("801.2", LIMITS)).isEqualTo(PASS);
    assertThat(Verdicts.stormP99("840.0", LIMITS)).isEqualTo(PASS);
    assertThat(Verdicts.stormP99("840.1", LIMITS)).isEqualTo(FAIL);
    assertThat(Verdicts.stormP99("905.1", LIMITS)).isEqualTo(FAIL);
  }

  @Test
  void aStormP99IsJudgedByTheLimitItsRunWrote() {
    Results laxer = Results.parse("limit.deadline_ms=1000\nlimit.p99_slack_pct=5\n");

    assertThat(Verdicts.stormP99("905.1", laxer)).isEqualTo(PASS);
  }

  @Test
  void aStormP99WithoutItsFigureOrLimitsIsNotAvailable() {
    assertThat(Verdicts.stormP99(NA, LIMITS)).isEqualTo(NA);
    assertThat(Verdicts.stormP99("801.2", Results.parse("limit.deadline_ms=800\n"))).isEqualTo(NA);
  }

  @Test
  void aHealthzRatioBelowTheMinimumFails() {
    assertThat(Verdicts.healthzRatio(ratios("0.80", "0.83", "0.78"), LIMITS)).isEqualTo(FAIL);
    assertThat(Verdicts.healthzRatio(ratios("0.80", "0.86"), LIMITS)).isEqualTo(FAIL);
  }

  @Test
  void aHealthzRatioAtOrAboveTheMinimumPasses() {
    assertThat(Verdicts.healthzRatio(ratios("0.85", "0.81", "0.90"), LIMITS)).isEqualTo(PASS);
    assertThat(Verdicts.healthzRatio(ratios("0.93", "0.94"), LIMITS)).isEqualTo(PASS);
  }

  @Test
  void aHealthzRatioIsJudgedByTheMinimumItsRunWrote() {
    Results stricter = Results.parse("limit.min_healthz_ratio=0.95\n");

    assertThat(Verdicts.healthzRatio(ratios("0.93", "0.94"), stricter)).isEqualTo(FAIL);
  }

  @Test
  void aHealthzRatioWithARoundOrTheMinimumMissingIsNotAvailable() {
    RoundRatios aRoundMissing = Verdicts.roundRatios(List.of("27300.0", NA), List.of("30000.0", "29800.0"));

    assertThat(Verdicts.healthzRatio(aRoundMissing, LIMITS)).isEqualTo(NA);
    assertThat(Verdicts.healthzRatio(ratios("0.93"), Results.parse(""))).isEqualTo(NA);
  }

  @Test
  void aDifferenceBeyondTheNoiseFailsAndWithinItPasses() {
    RoundRatios fivePercentSlower = ratios("0.95", "0.95", "0.96");

    assertThat(Verdicts.difference(fivePercentSlower)).isEqualTo("5.00");
    assertThat(Verdicts.withinNoise(fivePercentSlower, "0.27")).isEqualTo(FAIL);
    assertThat(Verdicts.withinNoise(fivePercentSlower, "4.99")).isEqualTo(FAIL);
    assertThat(Verdicts.withinNoise(fivePercentSlower, "5.00")).isEqualTo(PASS);
    assertThat(Verdicts.withinNoise(fivePercentSlower, "6.10")).isEqualTo(PASS);
  }

  @Test
  void aDifferenceIsMeasuredEitherSideOfX1() {
    assertThat(Verdicts.difference(ratios("1.03"))).isEqualTo("3.00");
    assertThat(Verdicts.difference(ratios("0.97"))).isEqualTo("3.00");
  }

  @Test
  void aDifferenceWithoutItsNoiseOrRoundsIsNotAvailable() {
    RoundRatios aRoundMissing = Verdicts.roundRatios(List.of(NA), List.of("41000.0"));

    assertThat(Verdicts.withinNoise(ratios("0.95"), NA)).isEqualTo(NA);
    assertThat(Verdicts.difference(aRoundMissing)).isEqualTo(NA);
    assertThat(Verdicts.withinNoise(aRoundMissing, "5.00")).isEqualTo(NA);
  }

  @Test
  void roundRatiosAreRoundedAsPrintedAndSorted() {
    RoundRatios ratios = Verdicts.roundRatios(List.of("28848.0", "27300.0", "28388.0"),
        List.of("30050.0", "30000.0", "30200.0"));

    assertThat(ratios.known()).isTrue();
    assertThat(ratios.sorted()).containsExactly("0.91", "0.94", "0.96");
    assertThat(ratios.range()).isEqualTo("0.91 to 0.96");
    assertThat(ratios.median().text()).isEqualTo("0.94");
  }

  @Test
  void roundRatiosAreUnknownWhenARoundHasNoneOrNoRoundRan() {
    assertThat(Verdicts.roundRatios(List.of("1", "2"), List.of("2", "0")).known()).isFalse();
    assertThat(Verdicts.roundRatios(List.of("1", ""), List.of("2", "2")).known()).isFalse();
    assertThat(Verdicts.roundRatios(List.of(), List.of()).known()).isFalse();
    assertThat(Verdicts.roundRatios(List.of(), List.of()).range()).isEqualTo(NA);
  }

  @Test
  void theMedianOfAnOddCountIsTheMiddleFigureAsWritten() {
    assertThat(Verdicts.median(List.of("0.95", "0.90", "1.10")).text()).isEqualTo("0.95");
    assertThat(Verdicts.median(List.of("1.10", "0.90", "0.80")).text()).isEqualTo("0.90");
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Verdicts.median(List.of("0.96", "0.93", "0.91", "0.94")).text()).isEqualTo("0.935");
    assertThat(Verdicts.median(List.of("0.90", "1.10")).text()).isEqualTo("1");
    assertThat(Verdicts.median(List.of("3100", "3200")).value()).isEqualTo(3150);
  }

  @Test
  void theSpreadIsTheRangeOverTheMean() {
    assertThat(Verdicts.spread(List.of("100", "102", "98", "100"))).isEqualTo("4.00");
    assertThat(Verdicts.spread(List.of("41021", "41021"))).isEqualTo("0.00");
  }

  @Test
  void theSpreadNeedsEveryRound() {
    assertThat(Verdicts.spread(List.of("100", NA))).isEqualTo(NA);
    assertThat(Verdicts.spread(List.of())).isEqualTo(NA);
  }

  @Test
  void aRatioNeedsTwoFiguresAndADivisorAboveZero() {
    assertThat(Verdicts.ratio("3600", "2900")).isEqualTo("x1.24");
    assertThat(Verdicts.ratio("24320", "0")).isEqualTo(NA);
    assertThat(Verdicts.ratio(NA, "2900")).isEqualTo(NA);
    assertThat(Verdicts.ratio("3600", NA)).isEqualTo(NA);
  }

  @Test
  void aCountThatMustBeZeroIsJudgedAsWritten() {
    Results counts = Results.parse("none=0\nthree=3\nzero_point=0.0\nunknown=\n");

    assertThat(Verdicts.zero(counts, "none")).isEqualTo(PASS);
    assertThat(Verdicts.zero(counts, "three")).isEqualTo(FAIL);
    assertThat(Verdicts.zero(counts, "zero_point")).isEqualTo(FAIL);
    assertThat(Verdicts.zero(counts, "unknown")).isEqualTo(NA);
    assertThat(Verdicts.zero(counts, "absent")).isEqualTo(NA);
  }

  @Test
  void jfrEventsMustBeAboveZero() {
    Results events = Results.parse("some=1040\nnone=0\nunknown=\n");

    assertThat(Verdicts.aboveZero(events, "some")).isEqualTo(PASS);
    assertThat(Verdicts.aboveZero(events, "none")).isEqualTo(FAIL);
    assertThat(Verdicts.aboveZero(events, "unknown")).isEqualTo(NA);
  }

  @Test
  void threadsMustBeBackWithinTheSecondsAfter() {
    Results back = Results.parse("after_secs=15\nsoon=3\nat_the_end=15\nlate=16\nnever=never\nno_sample=\n");

    assertThat(Verdicts.threadsBack(back, "soon")).isEqualTo(PASS);
    assertThat(Verdicts.threadsBack(back, "at_the_end")).isEqualTo(PASS);
    assertThat(Verdicts.threadsBack(back, "late")).isEqualTo(FAIL);
    assertThat(Verdicts.threadsBack(back, "never")).isEqualTo(FAIL);
    assertThat(Verdicts.threadsBack(back, "no_sample")).isEqualTo(NA);
  }

  @Test
  void isoprobeThreadsMustStayWithinTheLimit() {
    Results threads = Results.parse("limit.max_isoprobe_threads=10\nfew=7\nall=10\nmore=14\nunknown=\n");

    assertThat(Verdicts.isoprobeThreads(threads, "few")).isEqualTo(PASS);
    assertThat(Verdicts.isoprobeThreads(threads, "all")).isEqualTo(PASS);
    assertThat(Verdicts.isoprobeThreads(threads, "more")).isEqualTo(FAIL);
    assertThat(Verdicts.isoprobeThreads(threads, "unknown")).isEqualTo(NA);
    assertThat(Verdicts.isoprobeThreads(Results.parse("few=7\n"), "few")).isEqualTo(NA);
  }

  /** Round ratios known for every round, as given. */
  private static RoundRatios ratios(String... ratios) {
    RoundRatios known = Verdicts.roundRatios(List.of(ratios), List.of(ratios).stream().map(r -> "1").toList());
    assertThat(known.known()).isTrue();
    return known;
  }
}
