/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints the windows {@link Windows} computes for the configured callers. */
final class PureReport {

  private final Options options;
  private final PrintStream out;

  PureReport(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  void print() {
    Duration deadline = options.deadline();
    out.println("probe-sim: windows after a readiness dependency hangs at t = 0 (best .. worst case)");
    out.println(deadline == null
        ? "a hung probe is never answered: each caller's own timeout decides (give --deadline for isoprobe)"
        : "a hung probe is answered 503 at the isoprobe deadline " + Durations.format(deadline)
            + " unless the caller gives up first");
    if (options.readiness() != null) {
      printReadiness(options.readiness(), deadline);
    }
    if (options.liveness() != null) {
      printLiveness(options.liveness(), deadline);
    }
    if (options.lb() != null) {
      printLb(options.lb(), deadline);
    }
    printRates(deadline);
    printDeadlineCheck(deadline);
    if (fractional(options.readiness()) || fractional(options.liveness())) {
      out.println("note: Kubernetes takes whole seconds; fractional settings are for fast simulations");
    }
  }

  private void printReadiness(ProbeSettings r, Duration deadline) {
    out.println();
    out.println("kubelet readiness (" + r + ")");
    printAttempts(r.period(), r.timeout(), deadline, "attempts");
    out.println("  pod marked unready               " + Windows.unready(r, deadline));
    out.println("  ready again after the heal       " + Windows.readyAgain(r, deadline));
  }

  private void printLiveness(ProbeSettings l, Duration deadline) {
    out.println();
    out.println("kubelet liveness (" + l + ")");
    printAttempts(l.period(), l.timeout(), deadline, "attempts");
    out.println("  restart, if liveness depends on the hung dependency   " + Windows.restart(l, deadline));
    out.println("  (isoprobe's liveness group holds only process checks by default: then never)");
  }

  private void printLb(LbSettings lb, Duration deadline) {
    out.println();
    out.println("load balancer (" + lb + ")");
    printAttempts(lb.interval(), lb.timeout(), deadline, "checks per caller");
    out.println("  ejected, by each caller on its own   " + Windows.eject(lb, deadline));
    out.println("  back in rotation after the heal      " + Windows.readmit(lb, deadline));
  }

  private void printAttempts(Duration period, Duration timeout, Duration deadline, String what) {
    long latency = Windows.failureLatency(timeout, deadline);
    long interval = Windows.interval(period.toMillis(), latency);
    String how = deadline != null && deadline.compareTo(timeout) < 0 ? " (503 at the deadline)" : " (caller's timeout)";
    out.println("  each hung attempt fails after " + Durations.seconds(latency) + " s" + how + "; " + what
        + " start every " + Durations.seconds(interval) + " s during the hang");
  }

  /**
   * Healthy, every caller starts an attempt once per period; during the hang, a caller whose hung
   * attempts outlast its period runs them back to back, so it sends fewer. Liveness is counted as
   * healthy: with isoprobe it does not depend on the dependency.
   */
  private void printRates(Duration deadline) {
    StringBuilder parts = new StringBuilder();
    double healthy = 0;
    double hung = 0;
    ProbeSettings r = options.readiness();
    if (r != null) {
      healthy += add(parts, "readiness", Windows.perMinute(r.period().toMillis()));
      hung += perMinuteHung(r.period(), r.timeout(), deadline);
    }
    ProbeSettings l = options.liveness();
    if (l != null) {
      double perMinute = add(parts, "liveness", Windows.perMinute(l.period().toMillis()));
      healthy += perMinute;
      hung += perMinute;
    }
    LbSettings lb = options.lb();
    if (lb != null) {
      healthy += add(parts, "load balancer", lb.callers() * Windows.perMinute(lb.interval().toMillis()));
      hung += lb.callers() * perMinuteHung(lb.interval(), lb.timeout(), deadline);
    }
    out.println();
    out.println("probe requests per minute: " + parts + " = " + number(healthy) + "; during the hang "
        + number(hung));
  }

  private static double add(StringBuilder parts, String name, double perMinute) {
    parts.append(parts.length() == 0 ? "" : " + ").append(name).append(' ').append(number(perMinute));
    return perMinute;
  }

  private static double perMinuteHung(Duration period, Duration timeout, Duration deadline) {
    return Windows.perMinute(Windows.interval(period.toMillis(), Windows.failureLatency(timeout, deadline)));
  }

  private void printDeadlineCheck(Duration deadline) {
    out.println();
    if (deadline == null) {
      out.println("deadline: not given (--deadline checks it against every caller's timeout)");
      return;
    }
    out.println("deadline " + Durations.format(deadline) + " against the callers' timeouts:");
    if (options.readiness() != null) {
      checkTimeout("readiness timeoutSeconds", options.readiness().timeout(), deadline, "the kubelet");
    }
    if (options.liveness() != null) {
      checkTimeout("liveness timeoutSeconds", options.liveness().timeout(), deadline, "the kubelet");
    }
    if (options.lb() != null) {
      checkTimeout("load balancer timeout", options.lb().timeout(), deadline, "the load balancer");
    }
  }

  private void checkTimeout(String name, Duration timeout, Duration deadline, String caller) {
    if (timeoutAboveDeadline(timeout, deadline)) {
      out.println("  " + name + " " + Durations.format(timeout) + ": ok, above the deadline by "
          + Durations.format(timeout.minus(deadline)) + " (" + caller + " receives the 503 and its reason)");
    } else {
      out.println("  " + name + " " + Durations.format(timeout) + ": NOT OK, not above the deadline (" + caller
          + " gives up first and records a timeout, not the 503; raise it above " + Durations.format(deadline)
          + " or lower the deadline)");
    }
  }

  /** The caller's timeout must be above the deadline so that it receives isoprobe's 503, not its own timeout. */
  static boolean timeoutAboveDeadline(Duration timeout, Duration deadline) {
    return timeout.compareTo(deadline) > 0;
  }

  private static boolean fractional(ProbeSettings p) {
    return p != null && (p.period().toMillis() % 1000 != 0 || p.timeout().toMillis() % 1000 != 0
        || p.initialDelay().toMillis() % 1000 != 0);
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
  }
}
