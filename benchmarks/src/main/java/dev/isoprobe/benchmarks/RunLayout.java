/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static dev.isoprobe.benchmarks.Numbers.fixed;
import static dev.isoprobe.benchmarks.Numbers.isNumber;
import static dev.isoprobe.benchmarks.Numbers.value;
import static dev.isoprobe.benchmarks.Results.NOT_AVAILABLE;
import static dev.isoprobe.benchmarks.Verdicts.ratio;

import dev.isoprobe.benchmarks.Verdicts.RoundRatios;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The report of {@code benchmarks/run.sh}: the overhead of answering probes and of the filter,
 * the cost of a Flight Recorder recording, and the hung and spinning storms; only the sections
 * the run ran (row {@code sections}, from {@code ONLY}).
 */
final class RunLayout extends Layout {

  private static final List<String> OVERHEAD_TARGETS = List.of("const", "healthz", "filter", "plain");
  private static final Map<String, String> OVERHEAD_LABELS = Map.of(
      "const", "`/const-ok`",
      "healthz", "`/healthz`, one fast check,",
      "filter", "`/business` with the filter,",
      "plain", "`/business` without the filter,");
  private static final String JFR_EVENTS = "jfr.events.";
  private static final String ALL_JFR_EVENTS = JFR_EVENTS + "isoprobe";

  RunLayout(Results figures, StringBuilder out) {
    super(figures, out);
  }

  @Override
  void write() {
    line("## Figures of " + prefix(v("date"), 10) + " (" + v("stamp") + ")");
    line("");
    line("- Machine: " + machine() + "; server " + javaOptions() + ".");
    line("- Load average (1, 5, 15 min) at start: " + v("load_start") + "; at end: " + v("load_end") + ".");
    line("- wrk " + v("machine.wrk") + " on the same machine as the server, against 127.0.0.1.");
    if (!wants("overhead") || !wants("jfr") || !wants("storms")) {
      line("- Sections run (`ONLY`): " + v("sections") + ".");
    }
    if (wants("overhead") || wants("jfr")) {
      line("- Overhead runs: " + v("overhead_rounds") + " rounds of `wrk -t2 -c16 -d" + v("overhead_secs")
          + "s` per target after a " + v("warmup_secs") + "s warm-up.");
    }
    if (wants("jfr")) {
      line("- Flight Recorder: `/readyz` of two `fast` servers, one started with `" + v("jfr.option") + "`.");
    }
    if (wants("storms")) {
      line("- Storms: 64 connections on `/readyz` (`--timeout 5s`) for " + v("storm_secs") + "s (hung) and "
          + v("spin_secs") + "s (spin)");
      line("  with 8 connections on `/business` pausing " + v("business_pause_ms") + " ms between requests.");
    }
    line("");
    line("| scenario | measured | target | verdict |");
    line("|---|---|---|---|");
    if (wants("overhead")) {
      overheadRows();
    }
    if (wants("jfr")) {
      jfrRows();
    }
    if (wants("overhead") || wants("jfr")) {
      wrongAnswersRow();
    }
    if (wants("storms")) {
      stormRows("hung", "storm_secs");
      stormRows("spin", "spin_secs");
      stormNotes();
    }
  }

  /** Whether the run ran the section; a run from before the row ran overhead and storms. */
  private boolean wants(String section) {
    return figures.hasRow("sections")
        ? (" " + raw("sections") + " ").contains(" " + section + " ")
        : !section.equals("jfr");
  }

  /** Rounds of the overhead and jfr sections. */
  private int rounds() {
    return count("overhead_rounds");
  }

  private void overheadRows() {
    String lastRound = raw("overhead_rounds");
    for (String name : OVERHEAD_TARGETS) {
      String byRound = byRound(name, "rps");
      line("| " + OVERHEAD_LABELS.get(name) + " req/s by round; p99 of the last; server CPU per request | "
          + byRound + "; " + ms(name + "-" + lastRound + ".p99_us") + " ms; " + cpuMicros(name) + " µs | | |");
    }
    RoundRatios healthz = roundRatios("healthz", "const", "rps");
    line("| **`/healthz` / `/const-ok`**, median of " + lastRound + " paired rounds (range) | **x"
        + healthz.median().text() + "** (" + healthz.range() + "); CPU per request "
        + ratio(cpuMicros("const"), cpuMicros("healthz")) + " | >= x" + v(Verdicts.MIN_HEALTHZ_RATIO) + " | "
        + Verdicts.healthzRatio(healthz, figures) + " |");
    RoundRatios filter = roundRatios("filter", "plain", "rps");
    String difference = Verdicts.difference(filter);
    String noise = spread("plain");
    line("| **`/business` with / without the filter**, median of " + lastRound + " paired rounds (range) | **x"
        + filter.median().text() + "** (" + filter.range() + "), difference " + difference
        + " % | within noise (spread of the plain server's rounds " + noise + " %) | "
        + Verdicts.withinNoise(filter, noise) + " |");
  }

  /**
   * {@code /readyz} of the same fast server with a Flight Recorder recording (jfr) and without
   * (ready), and isoprobe's events in the recording.
   */
  private void jfrRows() {
    String lastRound = raw("overhead_rounds");
    line("| `/readyz`, one fast check, no recording, req/s by round; p99 by round; server CPU per request | "
        + byRound("ready", "rps") + "; " + byRound("ready", "p99_us") + " ms; " + cpuMicros("ready")
        + " µs | | |");
    line("| `/readyz`, the same server recording (JFR, default settings), req/s by round; p99 by round; "
        + "server CPU per request | " + byRound("jfr", "rps") + "; " + byRound("jfr", "p99_us") + " ms; "
        + cpuMicros("jfr") + " µs | | |");
    RoundRatios rates = roundRatios("jfr", "ready", "rps");
    RoundRatios p99s = roundRatios("jfr", "ready", "p99_us");
    String difference = Verdicts.difference(rates);
    String noise = spread("ready");
    line("| **`/readyz` with / without a JFR recording**, median of " + lastRound
        + " paired rounds (range) | **x" + rates.median().text() + "** req/s (" + rates.range()
        + "), difference " + difference + " %; p99 **x" + p99s.median().text() + "** (" + p99s.range()
        + "), median p99 " + medianMs("jfr") + " against " + medianMs("ready")
        + " ms; server CPU per request " + ratio(cpuMicros("jfr"), cpuMicros("ready"))
        + " (with / without) | negligible: within noise (spread of the no-recording server's rounds "
        + noise + " %) | " + Verdicts.withinNoise(rates, noise) + " |");
    jfrEventsRow();
  }

  /** isoprobe's events in the recording, against the answers of the recording server. */
  private void jfrEventsRow() {
    String perAnswer = eventsPerAnswer();
    StringBuilder types = new StringBuilder();
    for (Map.Entry<String, String> type : figures.startingWith(JFR_EVENTS)) {
      if (!type.getKey().equals("isoprobe")) {
        types.append(types.length() == 0 ? "" : ", ").append('`').append(type.getKey()).append("` ")
            .append(type.getValue());
      }
    }
    String events = v(ALL_JFR_EVENTS);
    String recording = figures.has("jfr.bytes")
        ? fixed(figures.value("jfr.bytes") / 1048576, 1) + " MiB"
        : figures.missing("jfr.bytes");
    line("| isoprobe's events in that recording (`jfr summary`; warm-up included) | **" + events + "**"
        + (types.length() == 0 ? "" : " (" + types + ")") + "; per `/readyz` answer of that server: "
        + perAnswer + "; recording " + recording + " | > 0 (the script exits 1 otherwise) | "
        + Verdicts.aboveZero(figures, ALL_JFR_EVENTS) + " |");
  }

  /** Events per answer of the recording server: warm-up, rounds and the one curl. */
  private String eventsPerAnswer() {
    boolean known = isNumber(v("warm-jfr.requests"));
    double answers = figures.value("warm-jfr.requests");
    for (int round = 1; round <= rounds(); round++) {
      String requests = "jfr-" + round + ".requests";
      if (known && isNumber(v(requests))) {
        answers += figures.value(requests);
      } else {
        known = false;
      }
    }
    return known && figures.has(ALL_JFR_EVENTS)
        ? fixed(figures.value(ALL_JFR_EVENTS) / (answers + 1), 3)
        : NOT_AVAILABLE;
  }

  private void wrongAnswersRow() {
    String spot = figures.has("overhead.spot_answers")
        ? " (curl: " + raw("overhead.spot_wrong") + " of " + raw("overhead.spot_answers") + ")"
        : "";
    line("| **wrong answers of the healthy targets** (non-2xx and socket errors, warm-ups included; and one"
        + " curl per target, which must be 200 with its body) | **" + v("overhead.wrong") + "** of "
        + v("overhead.answers") + spot + " | 0 | " + Verdicts.zero(figures, "overhead.wrong") + " |");
  }

  private void stormRows(String mode, String secondsKey) {
    String limit = Verdicts.p99Limit(figures);
    String seconds = v(secondsKey);
    String probe = mode + "-probe";
    line("| " + mode + " storm: probe answers in " + seconds + "s (503s, wrk timeouts) | "
        + v(probe + ".requests") + " (" + v(probe + ".status") + ", " + v(probe + ".timeout")
        + ") | every probe answered: 0 timeouts | " + Verdicts.zero(figures, probe + ".timeout") + " |");
    String p99 = ms(probe + ".p99_us");
    line("| " + mode + " storm: probe latency p50 / p99 / max | " + ms(probe + ".p50_us") + " / " + p99 + " / "
        + ms(probe + ".max_us") + " ms | p99 <= " + limit + " ms (deadline " + v(Verdicts.DEADLINE_MS)
        + " ms + " + v(Verdicts.P99_SLACK_PCT) + " %) | " + Verdicts.stormP99(p99, figures) + " |");
    line("| " + mode + " storm: business p50 / p99 / max, baseline | " + latencies(mode + "-base") + " ms, "
        + rps(mode + "-base.rps") + " req/s | | |");
    line("| " + mode + " storm: business p50 / p99 / max, during storm | " + latencies(mode + "-busy") + " ms, "
        + rps(mode + "-busy.rps") + " req/s | unchanged | p99 "
        + ratio(v(mode + "-busy.p99_us"), v(mode + "-base.p99_us")) + " |");
    String threads = mode + ".threads";
    String back = v(threads + ".back_s");
    line("| " + mode + " storm: JVM threads before / during (min-max) / " + v("after_secs") + "s after | "
        + v(threads + ".before") + " / " + v(threads + ".min") + "-" + v(threads + ".max") + " / "
        + v(threads + ".last") + " | flat, back to " + v(threads + ".before") + " within " + v("after_secs")
        + "s | " + Verdicts.threadsBack(figures, threads + ".back_s") + " (back after "
        + (isNumber(back) ? back + " s" : back) + ") |");
    String iso = mode + ".iso";
    line("| " + mode + " storm: isoprobe threads before / max during / after | " + v(iso + ".before") + " / "
        + v(iso + ".max") + " / " + v(iso + ".last") + " | <= the isoprobe pools (" + v("limit.isoprobe_pools")
        + ") | " + Verdicts.isoprobeThreads(figures, iso + ".max") + " |");
  }

  private void stormNotes() {
    line("");
    line("The spinning check ignores interrupts, so no JVM can stop its thread: one isoprobe thread");
    line("stays after the spin storm by design, and the JVM count cannot return to its start.");
    line("");
    line("JVM threads, one sample a second:");
    line("");
    for (String mode : List.of("hung", "spin")) {
      line("- `" + mode + "`: before: " + raw(mode + ".series.before") + " | storm: "
          + raw(mode + ".series.storm") + " | after: " + raw(mode + ".series.after"));
    }
    line("");
    line("A probe's answer during each storm (`/readyz?verbose`, 2 s in):");
    for (String mode : List.of("hung", "spin")) {
      line("");
      line("- `" + mode + "`: `" + v(mode + ".verbose") + "`");
    }
  }

  /** A target's figure (rps or p99_us) of each round, comma-separated. */
  private String byRound(String name, String figure) {
    List<String> rounds = new ArrayList<>();
    for (int round = 1; round <= rounds(); round++) {
      String key = name + "-" + round + "." + figure;
      rounds.add(figure.equals("rps") ? rps(key) : ms(key));
    }
    return String.join(", ", rounds);
  }

  /** The round-by-round ratios of a's figure over b's. */
  private RoundRatios roundRatios(String a, String b, String figure) {
    List<String> over = new ArrayList<>();
    List<String> under = new ArrayList<>();
    for (int round = 1; round <= rounds(); round++) {
      over.add(v(a + "-" + round + "." + figure));
      under.add(v(b + "-" + round + "." + figure));
    }
    return Verdicts.roundRatios(over, under);
  }

  /** The spread of a target's req/s (as printed) over the rounds. */
  private String spread(String name) {
    List<String> rates = new ArrayList<>();
    for (int round = 1; round <= rounds(); round++) {
      String rate = rps(name + "-" + round + ".rps");
      if (!isNumber(rate)) {
        return NOT_AVAILABLE;
      }
      rates.add(rate);
    }
    return Verdicts.spread(rates);
  }

  /** The median over the rounds of a target's p99, in ms; n/a when a round lacks it. */
  private String medianMs(String name) {
    List<String> p99s = new ArrayList<>();
    for (int round = 1; round <= rounds(); round++) {
      String key = name + "-" + round + ".p99_us";
      if (!figures.has(key)) {
        return figures.missing(key);
      }
      p99s.add(raw(key));
    }
    return p99s.isEmpty() ? NOT_AVAILABLE : fixed(Verdicts.median(p99s).value() / 1000, 1);
  }

  /**
   * Server CPU per request in µs over the rounds, from the clock ticks of its process around
   * each run: unlike req/s, it does not move with wrk's own share of the cores.
   */
  private String cpuMicros(String name) {
    double ticks = 0;
    double requests = 0;
    for (int round = 1; round <= rounds(); round++) {
      String run = name + "-" + round;
      if (!figures.has(run + ".ticks") || !figures.has(run + ".requests") || !figures.has("clk_tck")) {
        return figures.missing(run + ".ticks");
      }
      ticks += figures.value(run + ".ticks");
      requests += figures.value(run + ".requests");
    }
    return requests > 0 ? fixed(ticks * 1000000 / figures.value("clk_tck") / requests, 2) : NOT_AVAILABLE;
  }
}
