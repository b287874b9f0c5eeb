/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

/**
 * The report of {@code benchmarks/suite.sh --soak}: the Jetty example with its check cycling
 * healthy, blocked and spinning under steady load, and what the JVM held meanwhile.
 */
final class SoakLayout extends Layout {

  SoakLayout(Results figures, StringBuilder out) {
    super(figures, out);
  }

  @Override
  void write() {
    line("# Soak, " + v("stamp"));
    line("");
    line("- Date: " + v("date") + ". Machine: " + machine() + "; apps " + javaOptions()
        + "; wrk and the apps on the same machine.");
    line("- The Jetty example with `EXAMPLE_CHECK_MODE=cycle`: healthy, blocked (interruptible),");
    line("  spinning (ignores interrupts), " + v("soak_cycle_ms") + " ms each, for " + v("soak_secs") + " s ("
        + Numbers.text((long) (figures.value("soak_secs") / 60)) + " min);");
    line("  16 connections on `/readyz` and 4 paced connections on `/hello` throughout.");
    line("");
    line("| figure | value |");
    line("|---|---|");
    line("| probes answered (rate) | " + v("soak-probe.requests") + " (" + rps("soak-probe.rps") + "/s) |");
    line("| probe p50 / p99 / max ms | " + latencies("soak-probe") + " |");
    line("| wrk errors on probes: connect / read / write / timeout | " + errors("soak-probe") + " |");
    line("| `/hello` answered, non-2xx, p99 ms | " + v("soak-busy.requests") + ", " + v("soak-busy.status")
        + ", " + ms("soak-busy.p99_us") + " |");
    line("| `/readyz?verbose` once a second: 200 / 503 / other | " + v("soak.statuses.200") + " / "
        + v("soak.statuses.503") + " / " + v("soak.statuses.other") + " |");
    line("| JVM threads first / min / max / last during the soak | " + v("soak.threads.first") + " / "
        + v("soak.threads.min") + " / " + v("soak.threads.max") + " / " + v("soak.threads.last") + " |");
    line("| RSS MiB first / max / last | " + mib("soak.rss_kb.first") + " / " + mib("soak.rss_kb.max") + " / "
        + mib("soak.rss_kb.last") + " |");
    line("| live heap after a full GC, before / after the soak | " + mib("soak.heap_kb.before") + " MiB / "
        + mib("soak.heap_kb.after") + " MiB |");
    line("| isoprobe threads, max | " + v("soak.iso_max") + " |");
    line("| ERROR lines in the app log | " + v("soak.errors") + " |");
    line("");
    line("JVM threads, one sample every 10 s: " + v("soak.series"));
    line("");
    loads();
  }
}
