/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of run.sh's report as printed, from the figures: the passing run of
 * {@code render/run.kv}, with one figure changed at a time (a row written again keeps its place
 * and takes the new value).
 */
class RunReportTest {

  private static final String HEALTHZ = "| **`/healthz` / `/const-ok`**";
  private static final String FILTER = "| **`/business` with / without the filter**";
  private static final String JFR = "| **`/readyz` with / without a JFR recording**";
  private static final String EVENTS = "| isoprobe's events in that recording";
  private static final String WRONG = "| **wrong answers of the healthy targets**";
  private static final String HUNG_ANSWERS = "| hung storm: probe answers";
  private static final String HUNG_P99 = "| hung storm: probe latency p50 / p99 / max |";
  private static final String HUNG_THREADS = "| hung storm: JVM threads";
  private static final String HUNG_ISOPROBE = "| hung storm: isoprobe threads";

  @Test
  void thePassingRunPassesEveryVerdictButTheSpinStormsThreads() throws Exception {
    String report = render();

    for (String row : List.of(HEALTHZ, FILTER, JFR, EVENTS, WRONG, HUNG_ANSWERS, HUNG_P99, HUNG_ISOPROBE)) {
      assertThat(verdict(report, row)).as(row).isEqualTo("pass");
    }
    assertThat(verdict(report, HUNG_THREADS)).isEqualTo("pass (back after 3 s)");
    assertThat(verdict(report, "| spin storm: JVM threads")).isEqualTo("FAIL (back after never)");
  }

  @Test
  void aStormP99OverTheLimitFails() throws Exception {
    assertThat(verdict(render("hung-probe.p99_us=840100"), HUNG_P99)).isEqualTo("FAIL");
    assertThat(verdict(render("hung-probe.p99_us=840049"), HUNG_P99)).isEqualTo("pass");
    assertThat(verdict(render("hung-probe.p99_us=905123"), HUNG_P99)).isEqualTo("FAIL");
  }

  @Test
  void aStormP99IsJudgedByTheLimitsTheRunWrote() throws Exception {
    String report = render("hung-probe.p99_us=905123", "limit.deadline_ms=1000");

    assertThat(row(report, HUNG_P99)).contains("p99 <= 1050.00 ms (deadline 1000 ms + 5 %)");
    assertThat(verdict(report, HUNG_P99)).isEqualTo("pass");
  }

  @Test
  void aHealthzRatioBelowTheMinimumFails() throws Exception {
    List<String> slowHealthz = new ArrayList<>();
    for (int round = 1; round <= 6; round++) {
      slowHealthz.add("healthz-" + round + ".rps=24000.0");
    }
    String report = render(slowHealthz.toArray(new String[0]));

    // An even number of rounds: the median is the mean of the middle two, printed as computed.
    assertThat(row(report, HEALTHZ)).contains("**x0.8** (0.79 to 0.81)");
    assertThat(verdict(report, HEALTHZ)).isEqualTo("FAIL");
  }

  @Test
  void aHealthzRatioIsJudgedByTheMinimumTheRunWrote() throws Exception {
    assertThat(verdict(render("limit.min_healthz_ratio=0.95"), HEALTHZ)).isEqualTo("FAIL");
    assertThat(verdict(render("limit.min_healthz_ratio=0.93"), HEALTHZ)).isEqualTo("pass");
  }

  @Test
  void aFilterOverheadBeyondTheNoiseFails() throws Exception {
    List<String> slowFilter = new ArrayList<>();
    for (int round = 1; round <= 6; round++) {
      slowFilter.add("filter-" + round + ".rps=36000.0");
    }
    String report = render(slowFilter.toArray(new String[0]));

    assertThat(row(report, FILTER)).contains("difference 12.");
    assertThat(verdict(report, FILTER)).isEqualTo("FAIL");
  }

  @Test
  void wrongAnswersFail() throws Exception {
    assertThat(verdict(render("overhead.wrong=2"), WRONG)).isEqualTo("FAIL");
  }

  @Test
  void aRecordingWithoutIsoprobesEventsFails() throws Exception {
    assertThat(verdict(render("jfr.events.isoprobe=0"), EVENTS)).isEqualTo("FAIL");
  }

  @Test
  void stormTimeoutsAndTooManyThreadsFail() throws Exception {
    assertThat(verdict(render("hung-probe.timeout=12"), HUNG_ANSWERS)).isEqualTo("FAIL");
    assertThat(verdict(render("hung.threads.back_s=16"), HUNG_THREADS)).isEqualTo("FAIL (back after 16 s)");
    assertThat(verdict(render("hung.iso.max=11"), HUNG_ISOPROBE)).isEqualTo("FAIL");
  }

  @Test
  void aMissingFigureIsNotAvailableAndNotedOnce() throws Exception {
    Report.Rendered rendered = Report.render(Results.parse(runKv() + "hung-probe.p99_us=\n"));

    assertThat(verdict(rendered.markdown(), HUNG_P99)).isEqualTo("n/a");
    assertThat(row(rendered.markdown(), HUNG_P99)).contains("800.4 / n/a / ");
    assertThat(rendered.markdown()).endsWith("\n\nn/a: a figure this run did not produce (missing from its "
        + "results.kv; see the raw output beside it).\n");
    assertThat(rendered.errors()).isEqualTo("Report: 1 figure(s) missing, shown as n/a: hung-probe.p99_us\n");
    assertThat(rendered.status()).isZero();
  }

  @Test
  void aRoundMissingMakesTheComparisonsOfItsSectionNotAvailable() throws Exception {
    String report = render("healthz-4.rps=", "jfr-2.p99_us=");

    assertThat(verdict(report, HEALTHZ)).isEqualTo("n/a");
    assertThat(row(report, HEALTHZ)).contains("**xn/a** (n/a)");
    assertThat(verdict(report, JFR)).isEqualTo("pass");
    assertThat(row(report, JFR)).contains("p99 **xn/a** (n/a), median p99 n/a against 3.0 ms");
  }

  /**
   * Ten rounds and more: the awk renderer compared the round number with the setting as text,
   * so "10" ended its loops after round 1 and left every comparison n/a.
   */
  @Test
  void tenRoundsAreTenRounds() {
    StringBuilder kv = new StringBuilder("report=run\nsections=overhead\noverhead_rounds=10\nclk_tck=100\n"
        + "limit.min_healthz_ratio=0.85\n");
    for (int round = 1; round <= 10; round++) {
      for (String target : List.of("const", "healthz", "filter", "plain")) {
        double rps = target.equals("healthz") ? 27000 + round : target.equals("const") ? 30000 : 41000 + round;
        kv.append(target).append('-').append(round).append(".rps=").append(rps).append('\n')
            .append(target).append('-').append(round).append(".requests=").append((int) rps * 5).append('\n')
            .append(target).append('-').append(round).append(".ticks=300\n")
            .append(target).append('-').append(round).append(".p99_us=3100\n");
      }
    }
    String report = Report.render(Results.parse(kv.toString())).markdown();

    assertThat(row(report, "| `/const-ok` req/s by round")).contains(
        "| 30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000, 30000; 3.1 ms; ");
    assertThat(row(report, HEALTHZ)).contains("median of 10 paired rounds (range) | **x0.9** (0.90 to 0.90)");
    assertThat(verdict(report, HEALTHZ)).isEqualTo("pass");
    assertThat(verdict(report, FILTER)).isEqualTo("pass");
  }

  private static String runKv() throws Exception {
    return Files.readString(ReportGoldenTest.resource("run.kv"));
  }

  /** The report of run.kv with these rows written after its own. */
  private static String render(String... rows) throws Exception {
    StringBuilder kv = new StringBuilder(runKv());
    for (String row : rows) {
      kv.append(row).append('\n');
    }
    return Report.render(Results.parse(kv.toString())).markdown();
  }

  private static String row(String report, String start) {
    return report.lines().filter(line -> line.startsWith(start)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + start + " in\n" + report));
  }

  /** The last cell of the row. */
  private static String verdict(String report, String start) {
    String row = row(report, start);
    String cells = row.substring(0, row.length() - " |".length());
    return cells.substring(cells.lastIndexOf(" | ") + " | ".length());
  }
}
