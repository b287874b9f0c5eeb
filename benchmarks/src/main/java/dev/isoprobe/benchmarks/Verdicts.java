/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static dev.isoprobe.benchmarks.Numbers.fixed;
import static dev.isoprobe.benchmarks.Numbers.isNumber;
import static dev.isoprobe.benchmarks.Numbers.value;
import static dev.isoprobe.benchmarks.Results.NOT_AVAILABLE;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The pass/fail verdicts of the reports and the figures they compare. The limits are not
 * defined here: every run writes them into its results.kv ({@code limit.*} rows, from
 * {@code benchmarks/lib.sh}), so a report always judges by the limits its run had.
 *
 * <p>A verdict is {@code n/a} when a figure it needs is missing: a run that measured nothing
 * neither passes nor fails.
 */
final class Verdicts {

  static final String PASS = "pass";
  static final String FAIL = "FAIL";

  static final String MIN_HEALTHZ_RATIO = "limit.min_healthz_ratio";
  static final String DEADLINE_MS = "limit.deadline_ms";
  static final String P99_SLACK_PCT = "limit.p99_slack_pct";
  static final String MAX_ISOPROBE_THREADS = "limit.max_isoprobe_threads";

  private Verdicts() {}

  static String verdict(boolean known, boolean ok) {
    return !known ? NOT_AVAILABLE : ok ? PASS : FAIL;
  }

  /** "x" and a over b, two decimals; n/a unless both are figures and b is above 0. */
  static String ratio(String a, String b) {
    return isNumber(a) && isNumber(b) && value(b) > 0 ? "x" + fixed(value(a) / value(b), 2) : NOT_AVAILABLE;
  }

  /**
   * The ratios of a's figure over b's round by round, each rounded to two decimals as the
   * report prints it; unknown when a round lacks either figure (or b's is 0), as a median of
   * fewer rounds would compare other things than the run says.
   */
  static RoundRatios roundRatios(List<String> a, List<String> b) {
    List<String> ratios = new ArrayList<>();
    for (int round = 0; round < a.size(); round++) {
      String x = a.get(round);
      String y = b.get(round);
      if (isNumber(x) && isNumber(y) && value(y) > 0) {
        ratios.add(fixed(value(x) / value(y), 2));
      }
    }
    boolean known = !ratios.isEmpty() && ratios.size() == a.size();
    ratios.sort(Comparator.comparingDouble(Numbers::value));
    return new RoundRatios(List.copyOf(ratios), known);
  }

  /**
   * The median of figures: the middle one as it is written, or the mean of the middle two; n/a
   * of none.
   */
  static Median median(List<String> figures) {
    List<String> sorted = new ArrayList<>(figures);
    sorted.sort(Comparator.comparingDouble(Numbers::value));
    int n = sorted.size();
    if (n == 0) {
      return new Median(NOT_AVAILABLE, 0);
    }
    if (n % 2 == 1) {
      String middle = sorted.get(n / 2);
      return new Median(middle, value(middle));
    }
    double mean = (value(sorted.get(n / 2 - 1)) + value(sorted.get(n / 2))) / 2;
    return new Median(Numbers.text(mean), mean);
  }

  /**
   * How far apart runs of the very same thing land: the highest minus the lowest rate over
   * their mean, in % with two decimals; n/a when a rate is missing. It is the noise a
   * difference is judged against.
   */
  static String spread(List<String> rates) {
    double lo = 0;
    double hi = 0;
    double sum = 0;
    for (int i = 0; i < rates.size(); i++) {
      String rate = rates.get(i);
      if (!isNumber(rate)) {
        return NOT_AVAILABLE;
      }
      double x = value(rate);
      lo = i == 0 ? x : Math.min(lo, x);
      hi = i == 0 ? x : Math.max(hi, x);
      sum += x;
    }
    return sum > 0 ? fixed(100 * (hi - lo) / (sum / rates.size()), 2) : NOT_AVAILABLE;
  }

  /** How far the median ratio is from x1, in % with two decimals. */
  static String difference(RoundRatios ratios) {
    return ratios.known() ? fixed(100 * Math.abs(ratios.median().value() - 1), 2) : NOT_AVAILABLE;
  }

  /** {@code /healthz} over {@code /const-ok}: at least {@code limit.min_healthz_ratio}. */
  static String healthzRatio(RoundRatios ratios, Results figures) {
    return verdict(ratios.known() && figures.has(MIN_HEALTHZ_RATIO),
        ratios.median().value() >= figures.value(MIN_HEALTHZ_RATIO));
  }

  /** A difference (in %) no larger than the noise (in %), as both are printed. */
  static String withinNoise(RoundRatios ratios, String noise) {
    return verdict(ratios.known() && isNumber(noise), value(difference(ratios)) <= value(noise));
  }

  /** A count that must be 0, as written: "0", not "0.0". */
  static String zero(Results figures, String key) {
    return verdict(figures.has(key), figures.raw(key).equals("0"));
  }

  /** A count that must be above 0. */
  static String aboveZero(Results figures, String key) {
    return verdict(figures.has(key), figures.value(key) > 0);
  }

  /** The highest p99 a storm's probes may show: the deadline plus the slack, in ms, printed. */
  static String p99Limit(Results figures) {
    return fixed(figures.value(DEADLINE_MS) * (1 + figures.value(P99_SLACK_PCT) / 100), 2);
  }

  /** A storm's probe p99 (ms, as printed) no higher than {@link #p99Limit}. */
  static String stormP99(String p99, Results figures) {
    return verdict(isNumber(p99) && figures.has(DEADLINE_MS) && figures.has(P99_SLACK_PCT),
        value(p99) <= value(p99Limit(figures)));
  }

  /** The JVM's threads back at their count before the storm within {@code after_secs}. */
  static String threadsBack(Results figures, String backKey) {
    String back = figures.raw(backKey);
    return verdict(figures.has(backKey),
        isNumber(back) && value(back) <= figures.value("after_secs"));
  }

  /** isoprobe's threads no more than {@code limit.max_isoprobe_threads}. */
  static String isoprobeThreads(Results figures, String maxKey) {
    return verdict(figures.has(maxKey) && figures.has(MAX_ISOPROBE_THREADS),
        figures.value(maxKey) <= figures.value(MAX_ISOPROBE_THREADS));
  }

  /** A median as the report prints it, and as the verdicts compare it. */
  record Median(String text, double value) {}

  /** The per-round ratios of a comparison, sorted; {@code known} when every round has one. */
  record RoundRatios(List<String> sorted, boolean known) {

    /** The lowest to the highest, or n/a. */
    String range() {
      return known ? sorted.get(0) + " to " + sorted.get(sorted.size() - 1) : NOT_AVAILABLE;
    }

    Median median() {
      return known ? Verdicts.median(sorted) : new Median(NOT_AVAILABLE, 0);
    }
  }
}
