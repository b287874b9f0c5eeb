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
 * run of it (a 6 s freeze, 2026-12-07), in which both {@code JdbcCheck} targets passed every
 * verdict, with one figure changed at a time (a row written again keeps its place and takes the
 * new value).
 */
class FrozenDbReportTest {

  private static final String BOOT = "isoprobe, `JdbcCheck`";
  private static final String BUSY = "isoprobe, `JdbcCheck`, pool lending at once";
  private static final String READY_BEFORE = "ready before the freeze";
  private static final String BY_THE_DEADLINE = "every probe of the freeze answered 503";
  private static final String NOT_STUCK = "no probe of the freeze answered `stuck`";
  private static final String LEFT = "no isoprobe thread but the borrow in the driver after the grace";
  private static final String READY = "ready within one probe period";
  private static final String POOL = "the pool's active connections back";
  private static final String NO_THREAD = "no thread in the driver";
  private static final List<String> ALL =
      List.of(READY_BEFORE, BY_THE_DEADLINE, NOT_STUCK, LEFT, READY, POOL, NO_THREAD);

  @Test
  void theRunPassesEveryVerdictOfBothJdbcChecksAndShowsEachTargetSideBySide() throws Exception {
    String report = render();

    for (String target : List.of(BOOT, BUSY)) {
      for (String what : ALL) {
        assertThat(verdict(report, target, what)).as("%s: %s", target, what).isEqualTo("pass");
      }
    }
    assertThat(report)
        .contains("| figure | Actuator | isoprobe, Boot's indicator as it is | " + BOOT + " | " + BUSY + " |")
        .contains("| answers during the freeze, in order | 000 000 000 | 503-timeout 503-stuck 503-stuck"
            + " | 503-timeout 503-timeout 503-timeout | 503-timeout 503-timeout 503-timeout |")
        .contains("| slowest answer, ms | - | 790 | 787 | 797 |")
        .contains("| connections aborted (HikariCP evicting them on `08003`) | 0 | 0 | 0 | 3 |")
        .doesNotContain("n/a");
  }

  @Test
  void aStuckAnswerFailsThoughItIsA503ByTheDeadline() throws Exception {
    String report = render("boot.freeze.timeout=2", "boot.freeze.stuck=1");

    assertThat(verdict(report, BOOT, NOT_STUCK)).isEqualTo("FAIL");
    assertThat(verdict(report, BOOT, BY_THE_DEADLINE)).isEqualTo("pass");
    assertThat(verdict(report, BUSY, NOT_STUCK)).as("another target's figure").isEqualTo("pass");
  }

  @Test
  void aProbeAnsweredLateOrNotAtAllOrNot503Fails() throws Exception {
    assertThat(verdict(render("boot.freeze.slowest_ms=841"), BOOT, BY_THE_DEADLINE)).isEqualTo("FAIL");
    assertThat(verdict(render("boot.freeze.slowest_ms=840"), BOOT, BY_THE_DEADLINE)).isEqualTo("pass");
    assertThat(verdict(render("boot.freeze.timeout=2", "boot.freeze.none=1"), BOOT, BY_THE_DEADLINE))
        .isEqualTo("FAIL");
    assertThat(verdict(render("boot.freeze.timeout=2", "boot.freeze.ok=1"), BOOT, BY_THE_DEADLINE))
        .isEqualTo("FAIL");
    assertThat(verdict(render("boot.freeze.timeout=2", "boot.freeze.wrong=1"), BOOT, BY_THE_DEADLINE))
        .as("a 404, say").isEqualTo("FAIL");
    assertThat(verdict(render("boot.freeze.timeout=2", "boot.freeze.down=1"), BOOT, BY_THE_DEADLINE))
        .as("a 503 for another reason is still unready by the deadline").isEqualTo("pass");
    String noProbes = render("boot.freeze.probes=0", "boot.freeze.timeout=0");
    assertThat(verdict(noProbes, BOOT, BY_THE_DEADLINE)).as("a freeze without probes").isEqualTo("FAIL");
    assertThat(verdict(noProbes, BOOT, NOT_STUCK)).as("none stuck of none").isEqualTo("FAIL");
    assertThat(verdict(render("boot.freeze.timeout=0", "boot.freeze.none=3", "boot.freeze.slowest_ms=-"),
        BOOT, BY_THE_DEADLINE)).as("none answered").isEqualTo("FAIL");
  }

  @Test
  void theDeadlineIsTheOneTheRunWrote() throws Exception {
    String report = render("limit.deadline_ms=1000", "boot.freeze.slowest_ms=1049");

    assertThat(report).contains("answered 503 within 1050.00 ms");
    assertThat(verdict(report, BOOT, BY_THE_DEADLINE)).isEqualTo("pass");
  }

  @Test
  void notReadyBeforeTheFreezeFails() throws Exception {
    assertThat(verdict(render("boot.before.ok=1"), BOOT, READY_BEFORE)).isEqualTo("FAIL");
  }

  @Test
  void anIsoprobeThreadInTheDriverAfterTheGraceFails() throws Exception {
    assertThat(verdict(render("busy.freeze.check.max=1"), BUSY, LEFT)).isEqualTo("FAIL");
  }

  @Test
  void readyLaterThanOneProbePeriodAfterTheThawOrNeverFails() throws Exception {
    assertThat(verdict(render("boot.ready_ms=2001"), BOOT, READY)).isEqualTo("FAIL");
    assertThat(verdict(render("boot.ready_ms=2000"), BOOT, READY)).isEqualTo("pass");
    assertThat(verdict(render("boot.ready_ms=2001", "period_secs=3"), BOOT, READY)).isEqualTo("pass");
    assertThat(verdict(render("boot.ready_ms=none"), BOOT, READY)).as("not within ready_secs")
        .isEqualTo("FAIL");
  }

  @Test
  void aPoolNotBackFails() throws Exception {
    assertThat(verdict(render("boot.pool.active.after=1"), BOOT, POOL)).isEqualTo("FAIL");
    assertThat(verdict(render("boot.pool.idle.after=9"), BOOT, POOL)).isEqualTo("FAIL");
    assertThat(verdict(render("boot.pool.idle.after=?"), BOOT, POOL)).as("the endpoint did not answer")
        .isEqualTo("n/a");
  }

  @Test
  void aThreadLeftInTheDriverAfterTheThawFails() throws Exception {
    for (String kind : List.of("request", "check", "borrow")) {
      assertThat(verdict(render("boot.after." + kind + "=1"), BOOT, NO_THREAD)).as(kind).isEqualTo("FAIL");
    }
  }

  @Test
  void whatWasNotMeasuredIsNeitherPassNorFail() throws Exception {
    assertThat(verdict(render("boot.after.check=?"), BOOT, NO_THREAD)).as("no thread dump").isEqualTo("n/a");
    assertThat(verdict(render("boot.freeze.check.max="), BOOT, LEFT)).as("a probe without a dump")
        .isEqualTo("n/a");
    String report = render("boot.ready_ms=");
    assertThat(verdict(report, BOOT, READY)).isEqualTo("n/a");
    assertThat(report).contains("n/a: a figure this run did not produce");
  }

  @Test
  void onlyTheJdbcChecksAreJudged() throws Exception {
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

  /**
   * The verdict (the first cell) of the row whose second cell starts with {@code what}, in the
   * verdicts of {@code target}.
   */
  private static String verdict(String report, String target, String what) {
    String heading = "Done-when of issue 30, for " + target + ":\n";
    int start = report.indexOf(heading);
    assertThat(start).as("verdicts of %s in\n%s", target, report).isNotNegative();
    int end = report.indexOf("Done-when", start + heading.length());
    String verdicts = report.substring(start + heading.length(), end < 0 ? report.length() : end);
    String row = verdicts.lines()
        .filter(line -> line.matches("\\| [^|]+ \\| " + Pattern.quote(what) + ".*")).findFirst()
        .orElseThrow(() -> new AssertionError("no verdict " + what + " in\n" + verdicts));
    return row.substring(2, row.indexOf(" | "));
  }
}
