/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of frozen-db.sh's report, from the figures: {@code render/frozen-db.kv} is a short
 * run of it (a 6 s freeze, 2026-12-06), in which the {@code JdbcCheck} passed every verdict, with
 * one figure changed at a time (a row written again keeps its place and takes the new value).
 */
class FrozenDbReportTest {

  private static final String BY_THE_DEADLINE = "every probe of the freeze answered 503";
  private static final String NOT_STUCK = "no probe of the freeze answered `stuck`";
  private static final String CHECK_LEFT = "no check thread in the driver after the grace";
  private static final String READY = "ready within one probe period";
  private static final String POOL = "the pool's active connections back";
  private static final String NO_THREAD = "no thread in the driver";
  private static final List<String> ALL = List.of(BY_THE_DEADLINE, NOT_STUCK, CHECK_LEFT, READY, POOL, NO_THREAD);

  @Test
  void theRunPassesEveryVerdictAndShowsEachTargetSideBySide() throws Exception {
    String report = render();

    for (String what : ALL) {
      assertThat(verdict(report, what)).as(what).isEqualTo("pass");
    }
    assertThat(report).contains("| figure | Actuator | isoprobe, Boot's indicator as it is | isoprobe, `JdbcCheck` |")
        .contains("| answers during the freeze, in order | 000 000 000 | 503-timeout 503-stuck 503-stuck"
            + " | 503-timeout 503-timeout 503-timeout |")
        .contains("| slowest answer, ms | - | 780 | 805 |")
        .doesNotContain("n/a");
  }

  @Test
  void aStuckAnswerFailsThoughItIsA503ByTheDeadline() throws Exception {
    String report = render("boot.freeze.timeout=2", "boot.freeze.stuck=1");

    assertThat(verdict(report, NOT_STUCK)).isEqualTo("FAIL");
    assertThat(verdict(report, BY_THE_DEADLINE)).isEqualTo("pass");
  }

  @Test
  void aProbeAnsweredLateOrNotAtAllOr200Fails() throws Exception {
    assertThat(verdict(render("boot.freeze.slowest_ms=841"), BY_THE_DEADLINE)).isEqualTo("FAIL");
    assertThat(verdict(render("boot.freeze.slowest_ms=840"), BY_THE_DEADLINE)).isEqualTo("pass");
    assertThat(verdict(render("boot.freeze.timeout=2", "boot.freeze.none=1"), BY_THE_DEADLINE))
        .isEqualTo("FAIL");
    assertThat(verdict(render("boot.freeze.timeout=2", "boot.freeze.ok=1"), BY_THE_DEADLINE))
        .isEqualTo("FAIL");
    assertThat(verdict(render("boot.freeze.probes=0", "boot.freeze.timeout=0"), BY_THE_DEADLINE))
        .as("a freeze without probes").isEqualTo("FAIL");
  }

  @Test
  void theDeadlineIsTheOneTheRunWrote() throws Exception {
    String report = render("limit.deadline_ms=1000", "boot.freeze.slowest_ms=1049");

    assertThat(report).contains("answered 503 within 1050.00 ms");
    assertThat(verdict(report, BY_THE_DEADLINE)).isEqualTo("pass");
  }

  @Test
  void aCheckThreadInTheDriverAfterTheGraceFails() throws Exception {
    assertThat(verdict(render("boot.freeze.check.max=1"), CHECK_LEFT)).isEqualTo("FAIL");
  }

  @Test
  void readyLaterThanOneProbePeriodAfterTheThawFails() throws Exception {
    assertThat(verdict(render("boot.ready_ms=2001"), READY)).isEqualTo("FAIL");
    assertThat(verdict(render("boot.ready_ms=2000"), READY)).isEqualTo("pass");
    assertThat(verdict(render("boot.ready_ms=2001", "period_secs=3"), READY)).isEqualTo("pass");
  }

  @Test
  void aPoolNotBackFails() throws Exception {
    assertThat(verdict(render("boot.pool.active.after=1"), POOL)).isEqualTo("FAIL");
    assertThat(verdict(render("boot.pool.idle.after=9"), POOL)).isEqualTo("FAIL");
    assertThat(verdict(render("boot.pool.idle.after=?"), POOL)).as("the endpoint did not answer")
        .isEqualTo("n/a");
  }

  @Test
  void aThreadLeftInTheDriverAfterTheThawFails() throws Exception {
    for (String kind : List.of("request", "check", "borrow")) {
      assertThat(verdict(render("boot.after." + kind + "=1"), NO_THREAD)).as(kind).isEqualTo("FAIL");
    }
  }

  @Test
  void aMissingFigureIsNeitherPassNorFailAndIsNoted() throws Exception {
    String report = render("boot.ready_ms=");

    assertThat(verdict(report, READY)).isEqualTo("n/a");
    assertThat(report).contains("n/a: a figure this run did not produce");
  }

  @Test
  void onlyTheJdbcCheckIsJudged() throws Exception {
    String report = render("targets=actuator indicator");

    assertThat(report).contains("| figure | Actuator | isoprobe, Boot's indicator as it is |\n")
        .doesNotContain("Done-when").doesNotContain("FAIL");
  }

  /** The report of frozen-db.kv with these rows written after its own. */
  private static String render(String... rows) throws Exception {
    StringBuilder kv = new StringBuilder(Files.readString(ReportGoldenTest.resource("frozen-db.kv")));
    for (String row : rows) {
      kv.append(row).append('\n');
    }
    return Report.render(Results.parse(kv.toString())).markdown();
  }

  /** The verdict (the first cell) of the row whose second cell starts with {@code what}. */
  private static String verdict(String report, String what) {
    String row = report.lines()
        .filter(line -> line.matches("\\| [^|]+ \\| " + Pattern.quote(what) + ".*")).findFirst()
        .orElseThrow(() -> new AssertionError("no verdict " + what + " in\n" + report));
    return row.substring(2, row.indexOf(" | "));
  }
}
