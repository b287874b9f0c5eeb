/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static dev.isoprobe.benchmarks.Numbers.fixed;
import static dev.isoprobe.benchmarks.Numbers.value;

/**
 * The report of {@code benchmarks/scale.sh}: thousands of connections holding probes against a
 * hung check, and whether threads stayed flat, memory bounded and every probe answered.
 */
final class ScaleLayout extends Layout {

  ScaleLayout(Results figures, StringBuilder out) {
    super(figures, out);
  }

  @Override
  void write() {
    line("# Scale, " + v("stamp"));
    line("");
    line("- Date: " + v("date") + ". Machine: " + v("machine.cores") + " cores, " + v("machine.model") + ",");
    line("  " + v("machine.mem") + "; load average " + v("load_start") + " at the start, " + v("load_end")
        + " at the end.");
    line("- The Jetty example after a " + v("warmup_secs")
        + " s warm-up (16 connections, check healthy), then check hung");
    line("  (blocks; isoprobe interrupts it at the " + v(Verdicts.DEADLINE_MS) + " ms deadline), "
        + javaOptions() + ",");
    line("  `JETTY_HEADER_CACHE_SIZE=" + v("jetty_header_cache_size") + "`;");
    line("  `wrk -t2 -c" + v("conns") + " -d" + v("scale_secs")
        + "s --timeout 5s` on `/readyz`, 8 paced connections on `/hello`.");
    line("");
    line("| figure | value |");
    line("|---|---|");
    line("| connections established to the app, " + v("scale_secs") + "/2 s in (`ss`) | " + v("established")
        + " of " + v("conns") + " |");
    line("| probes answered (rate) | " + v("scale-probe.requests") + " (" + rps("scale-probe.rps") + "/s) |");
    line("| probe p50 / p90 / p99 / max ms, as wrk saw them | " + ms("scale-probe.p50_us") + " / "
        + ms("scale-probe.p90_us") + " / " + ms("scale-probe.p99_us") + " / " + ms("scale-probe.max_us")
        + " |");
    line("| probes answered more than 25 ms past their deadline, counted from when the filter saw them"
        + " (isoprobe's log) | " + v("late.count") + ", worst " + v("late.worst_ms")
        + " ms past the deadline; by second: " + raw("late.by_second") + " |");
    line("| wrk errors: connect / read / write / timeout | " + errors("scale-probe") + " |");
    line("| `/hello` p50 / p99 / max ms, answered | " + latencies("scale-busy") + ", "
        + v("scale-busy.requests") + " |");
    line("| JVM threads before / during min-max / " + v("after_secs") + " s after | " + v("threads.before")
        + " / " + v("threads.min") + "-" + v("threads.max") + " / " + v("threads.after") + " |");
    line("| isoprobe threads, max | " + v("iso_max") + " |");
    line("| RSS MiB before / max / last | " + mib("rss_kb.first") + " / " + mib("rss_kb.max") + " / "
        + mib("rss_kb.last") + " |");
    line("");
    line("Latency by percentile (ms): " + percentiles());
    line("");
    line("JVM threads each second: " + v("threads.series"));
  }

  /** wrk's distribution, "percentile:us" pairs, as "p50 12, " in ms. */
  private String percentiles() {
    StringBuilder text = new StringBuilder();
    for (String pair : words(v("scale-probe.pct"))) {
      String[] parts = pair.split(":", -1);
      if (parts.length == 2) {
        text.append('p').append(parts[0]).append(' ').append(fixed(value(parts[1]) / 1000, 0)).append(", ");
      }
    }
    return text.toString();
  }
}
