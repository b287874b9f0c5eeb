/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One kind of report (the row {@code report=} of a results.kv names it): writes the markdown
 * of a run's figures, line by line. The pieces several reports share are here.
 *
 * <p>Figures are read in the order they are printed, so the note of missing ones lists them in
 * the order a reader meets their n/a.
 */
abstract class Layout {

  final Results figures;
  private final StringBuilder out;

  Layout(Results figures, StringBuilder out) {
    this.figures = figures;
    this.out = out;
  }

  abstract void write();

  final void line(String text) {
    out.append(text).append('\n');
  }

  final String v(String key) {
    return figures.figure(key);
  }

  final String raw(String key) {
    return figures.raw(key);
  }

  final String ms(String key) {
    return figures.ms(key);
  }

  final String rps(String key) {
    return figures.rps(key);
  }

  final String mib(String key) {
    return figures.mib(key);
  }

  /** A setting that counts rounds, runs or probes: none when the row is missing. */
  final int count(String key) {
    return (int) Math.max(0, Math.floor(figures.value(key)));
  }

  /** p50 / p99 / max in ms of a wrk run. */
  final String latencies(String run) {
    return ms(run + ".p50_us") + " / " + ms(run + ".p99_us") + " / " + ms(run + ".max_us");
  }

  /** wrk's socket errors of a run: connect / read / write / timeout. */
  final String errors(String run) {
    return v(run + ".connect") + " / " + v(run + ".read") + " / " + v(run + ".write") + " / "
        + v(run + ".timeout");
  }

  final String machine() {
    return v("machine.cores") + " cores, " + v("machine.model") + ", " + v("machine.mem") + "; "
        + v("machine.kernel") + "; " + v("machine.java");
  }

  /** The JVM options the apps ran with; none is a setting too, not a missing figure. */
  final String javaOptions() {
    String options = raw("java_opts");
    return options.isEmpty() ? "JVM defaults" : "`" + options + "`";
  }

  /** One line per {@code load.<scenario>} row: the load average as that scenario began. */
  final void loads() {
    for (Map.Entry<String, String> load : figures.startingWith("load.")) {
      line("- " + load.getKey().replace('_', ' ') + ": load average " + load.getValue());
    }
  }

  /** The first {@code length} characters of a text. */
  static String prefix(String text, int length) {
    return text.codePointCount(0, text.length()) <= length
        ? text
        : text.substring(0, text.offsetByCodePoints(0, length));
  }

  /** A text safe inside a table cell. */
  static String tableText(String text) {
    return text.replace("|", "\\|");
  }

  /** The words of a text, separated by blanks (spaces, tabs). */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : text.split("[ \\t\\n]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }
}
