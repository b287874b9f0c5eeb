/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static dev.isoprobe.benchmarks.Numbers.isNumber;
import static dev.isoprobe.benchmarks.Numbers.value;
import static dev.isoprobe.benchmarks.Verdicts.verdict;

import java.util.List;
import java.util.function.Function;

/**
 * The report of {@code benchmarks/frozen-db.sh}: PostgreSQL frozen under the Spring Boot example,
 * one column per target (Actuator, isoprobe with Boot's indicator as it is, isoprobe with its
 * {@code JdbcCheck} on a pool as Boot configures it and on one that lends without checking an
 * idle connection), and the verdicts of issue 30's done-when for each {@code JdbcCheck}: the
 * other two are the references they are compared with, not held to it.
 */
final class FrozenDbLayout extends Layout {

  /** The targets the verdicts judge. */
  static final List<String> JUDGED = List.of("boot", "busy");

  FrozenDbLayout(Results figures, StringBuilder out) {
    super(figures, out);
  }

  @Override
  void write() {
    List<String> targets = words(raw("targets"));
    line("# A frozen PostgreSQL, " + v("stamp"));
    line("");
    line("- Date: " + v("date") + ". Machine: " + machine() + "; apps " + javaOptions() + ".");
    line("- " + v("postgres") + ", one cluster per target on 127.0.0.1, frozen for " + v("freeze_secs")
        + " s by SIGSTOP of all its processes, then SIGCONT.");
    line("- The Spring Boot example on Tomcat, readiness over Boot's `db` and HikariCP's pool; a probe every "
        + v("period_secs") + " s (`curl -m 1`, a kubelet's `timeoutSeconds: 1`);");
    line("  " + v("grace_ms") + " ms after each answer (isoprobe's unwind grace) a thread dump (Actuator's"
        + " `threaddump`) counts the threads with a frame in PgJDBC or HikariCP.");
    loads();
    line("");
    StringBuilder header = new StringBuilder("| figure |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String target : targets) {
      header.append(' ').append(title(target)).append(" |");
      rule.append("---|");
    }
    line(header.toString());
    line(rule.toString());
    row(targets, "probes during the freeze", t -> v(t + ".freeze.probes"));
    row(targets, "answered 200 / 503 `timeout` / 503 `stuck` / 503 other / another status / none within 1 s",
        t -> v(t + ".freeze.ok") + " / " + v(t + ".freeze.timeout") + " / " + v(t + ".freeze.stuck") + " / "
            + v(t + ".freeze.down") + " / " + v(t + ".freeze.wrong") + " / " + v(t + ".freeze.none"));
    row(targets, "slowest answer, ms", t -> v(t + ".freeze.slowest_ms"));
    row(targets, "request threads in the driver, most", t -> v(t + ".freeze.request.max"));
    row(targets, "isoprobe threads (but the borrow) in the driver after the grace, most",
        t -> v(t + ".freeze.check.max"));
    row(targets, "`isoprobe-jdbc-borrow` threads in the pool or the driver, most",
        t -> v(t + ".freeze.borrow.max"));
    row(targets, "connections aborted (HikariCP evicting them on `08003`)", t -> v(t + ".aborted"));
    row(targets, "pool connections active: before / most during / " + v("after_secs") + " s after the thaw",
        t -> v(t + ".pool.active.before") + " / " + v(t + ".freeze.active.max") + " / "
            + v(t + ".pool.active.after"));
    row(targets, "pool connections idle: before / " + v("after_secs") + " s after (minimum idle)",
        t -> v(t + ".pool.idle.before") + " / " + v(t + ".pool.idle.after") + " (" + v(t + ".pool.min") + ")");
    row(targets, "SIGCONT to the first 200, ms (none: not within " + v("ready_secs") + " s)",
        t -> v(t + ".ready_ms"));
    row(targets, "threads in the driver " + v("after_secs") + " s after the thaw: request / check / borrow",
        t -> v(t + ".after.request") + " / " + v(t + ".after.check") + " / " + v(t + ".after.borrow"));
    row(targets, "answers before the freeze", t -> v(t + ".before.answers"));
    row(targets, "answers during the freeze, in order", t -> v(t + ".freeze.answers"));
    row(targets, "answers after the thaw", t -> v(t + ".after.answers"));
    for (String target : targets) {
      if (JUDGED.contains(target)) {
        verdicts(target);
      }
    }
  }

  private void verdicts(String t) {
    line("");
    line("Done-when of issue 30, for " + title(t) + ":");
    line("");
    line("| verdict | what |");
    line("|---|---|");
    line("| " + readyBefore(t) + " | ready before the freeze: every probe 200 |");
    line("| " + answeredByTheDeadline(t) + " | every probe of the freeze answered 503 within "
        + Verdicts.p99Limit(figures) + " ms (the deadline and its slack) |");
    line("| " + notStuck(t) + " | no probe of the freeze answered `stuck` |");
    line("| " + Verdicts.zero(figures, t + ".freeze.check.max")
        + " | no isoprobe thread but the borrow in the driver after the grace |");
    line("| " + readyOnTheNextProbe(t) + " | ready within one probe period of the thaw |");
    line("| " + poolBack(t) + " | the pool's active connections back to where they were, its idle ones to its"
        + " minimum idle |");
    line("| " + noThreadAfter(t) + " | no thread in the driver " + v("after_secs") + " s after the thaw |");
  }

  /** None of the freeze's probes {@code stuck}, and there were some. */
  private String notStuck(String t) {
    String probes = t + ".freeze.probes";
    String stuck = t + ".freeze.stuck";
    return verdict(figures.has(probes) && figures.has(stuck), figures.value(probes) > 0 && isZero(stuck));
  }

  private String readyBefore(String t) {
    String probes = t + ".before.probes";
    return verdict(figures.has(probes) && figures.has(t + ".before.ok"),
        figures.value(probes) > 0 && raw(t + ".before.ok").equals(raw(probes)));
  }

  private String answeredByTheDeadline(String t) {
    String probes = t + ".freeze.probes";
    String slowest = t + ".freeze.slowest_ms";
    String[] kinds = {".freeze.timeout", ".freeze.stuck", ".freeze.down"};
    boolean known = figures.has(probes) && figures.has(slowest);
    double unavailable = 0;
    for (String kind : kinds) {
      known &= figures.has(t + kind);
      unavailable += figures.value(t + kind);
    }
    return verdict(known && figures.has(Verdicts.DEADLINE_MS) && figures.has(Verdicts.P99_SLACK_PCT),
        figures.value(probes) > 0 && unavailable == figures.value(probes)
            && isNumber(raw(slowest)) && figures.value(slowest) <= value(Verdicts.p99Limit(figures)));
  }

  /** Ready within one probe period; "none" (not ready at all) fails. */
  private String readyOnTheNextProbe(String t) {
    String ready = t + ".ready_ms";
    return verdict(figures.has(ready) && figures.has("period_secs"),
        isNumber(raw(ready)) && figures.value(ready) <= figures.value("period_secs") * 1000);
  }

  /** No thread of any kind in the driver; n/a when there was no dump. */
  private String noThreadAfter(String t) {
    boolean known = true;
    boolean none = true;
    for (String kind : List.of(".after.request", ".after.check", ".after.borrow")) {
      known &= isNumber(raw(t + kind));
      none &= isZero(t + kind);
    }
    return verdict(known, none);
  }

  private String poolBack(String t) {
    String[] keys = {".pool.active.before", ".pool.active.after", ".pool.idle.after", ".pool.min"};
    boolean known = true;
    for (String key : keys) {
      known &= isNumber(raw(t + key));
    }
    return verdict(known, raw(t + ".pool.active.after").equals(raw(t + ".pool.active.before"))
        && raw(t + ".pool.idle.after").equals(raw(t + ".pool.min")));
  }

  private boolean isZero(String key) {
    return raw(key).equals("0");
  }

  private void row(List<String> targets, String figure, Function<String, String> cell) {
    StringBuilder text = new StringBuilder("| " + figure + " |");
    for (String target : targets) {
      text.append(' ').append(cell.apply(target)).append(" |");
    }
    line(text.toString());
  }

  private static String title(String target) {
    return switch (target) {
      case "actuator" -> "Actuator";
      case "indicator" -> "isoprobe, Boot's indicator as it is";
      case "boot" -> "isoprobe, `JdbcCheck`";
      case "busy" -> "isoprobe, `JdbcCheck`, pool lending at once";
      default -> target;
    };
  }
}
