/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static dev.isoprobe.benchmarks.Numbers.isNumber;

/**
 * The report of {@code benchmarks/shutdown.sh}: probes in flight when the app gets SIGTERM,
 * run by run and probe by probe.
 */
final class ShutdownLayout extends Layout {

  ShutdownLayout(Results figures, StringBuilder out) {
    super(figures, out);
  }

  @Override
  void write() {
    line("# Shutdown with probes in flight, " + v("stamp"));
    line("");
    line("- Date: " + v("date") + ". Machine: " + machine() + "; app " + javaOptions() + ".");
    line("- The Jetty example, check " + v("check_ms") + " ms, " + v("probes") + " probes, SIGTERM after "
        + v("sigterm_after") + " s,");
    line("  deadline " + v("probe_deadline_ms") + " ms, drain delay " + v("drain_delay_ms")
        + " ms, stop timeout " + v("stop_timeout_ms") + " ms.");
    line("  Status 000: no HTTP answer (a reset or a refused connection).");
    line("");
    line("| run | probes answered | statuses | exit code | SIGTERM to exit |");
    line("|---|---|---|---|---|");
    int runs = count("runs");
    for (int run = 1; run <= runs; run++) {
      String name = "run" + run;
      line("| " + run + " | " + v(name + ".answered") + "/" + v(name + ".probes") + " | "
          + v(name + ".statuses") + " | " + v(name + ".exit") + " | " + v(name + ".exit_ms") + " ms |");
    }
    line("");
    line("| run | probe | status | after | body |");
    line("|---|---|---|---|---|");
    for (int run = 1; run <= runs; run++) {
      int probes = count("run" + run + ".probes");
      for (int probe = 1; probe <= probes; probe++) {
        String name = "run" + run + "." + probe;
        String seconds = v(name + ".secs");
        line("| " + run + " | " + probe + " | " + v(name + ".status") + " | "
            + (isNumber(seconds) ? seconds + " s" : seconds) + " | " + tableText(raw(name + ".body")) + " |");
      }
    }
  }
}
