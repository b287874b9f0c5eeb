/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of one run: the {@code key=value} rows of its {@code results.kv}, as the scripts
 * wrote them through {@code benchmarks/lib.sh}, in the order of their first row (a key written
 * twice keeps its first place and its last value).
 *
 * <p>A figure the run did not produce is missing or empty: reading it through {@link #figure}
 * (or the formats built on it) gives {@code n/a} and notes its key, once, for the note under the
 * report. {@link #raw} reads a row as it is, for what the report prints even when empty.
 */
final class Results {

  static final String NOT_AVAILABLE = "n/a";

  private final Map<String, String> rows;
  private final Set<String> missing = new LinkedHashSet<>();

  private Results(Map<String, String> rows) {
    this.rows = rows;
  }

  /** Reads the rows of a results.kv; a line without {@code =} is not a row. */
  static Results parse(String text) {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      int equals = line.indexOf('=');
      if (equals >= 0) {
        rows.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return new Results(rows);
  }

  /** Whether the file has the row, even empty. */
  boolean hasRow(String key) {
    return rows.containsKey(key);
  }

  /** Whether the run produced the figure. */
  boolean has(String key) {
    return !raw(key).isEmpty();
  }

  /** The row's value as written, empty when there is none. */
  String raw(String key) {
    return rows.getOrDefault(key, "");
  }

  /** The row's value read as a number, 0 when there is none. */
  double value(String key) {
    return Numbers.value(raw(key));
  }

  /** The figure, or n/a, noted. */
  String figure(String key) {
    return has(key) ? raw(key) : missing(key);
  }

  /** Notes the figure as missing; returns n/a, to print in its place. */
  String missing(String key) {
    missing.add(key);
    return NOT_AVAILABLE;
  }

  /** A latency in microseconds, printed in milliseconds with one decimal. */
  String ms(String key) {
    return has(key) ? Numbers.fixed(value(key) / 1000, 1) : missing(key);
  }

  /** A rate, printed as a whole number. */
  String rps(String key) {
    return has(key) ? Numbers.fixed(value(key), 0) : missing(key);
  }

  /** A size in KiB, printed in whole MiB (truncated). */
  String mib(String key) {
    return has(key) ? Numbers.truncated(value(key) / 1024) : missing(key);
  }

  /** The rows whose key starts with the prefix, in their order, keys without the prefix. */
  List<Map.Entry<String, String>> startingWith(String prefix) {
    List<Map.Entry<String, String>> found = new ArrayList<>();
    for (Map.Entry<String, String> row : rows.entrySet()) {
      if (row.getKey().startsWith(prefix)) {
        found.add(Map.entry(row.getKey().substring(prefix.length()), row.getValue()));
      }
    }
    return found;
  }

  /** The keys of the figures read as missing so far, in the order they were first read. */
  Set<String> missingFigures() {
    return Collections.unmodifiableSet(missing);
  }
}
