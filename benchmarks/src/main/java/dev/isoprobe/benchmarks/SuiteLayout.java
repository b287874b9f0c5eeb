/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static dev.isoprobe.benchmarks.Verdicts.ratio;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The report of {@code benchmarks/suite.sh}: the scenario suite against three targets, one
 * column each (jetty and boot with isoprobe, actuator without), and the spin storm of jetty.
 * It judges nothing: the targets are compared side by side.
 */
final class SuiteLayout extends Layout {

  SuiteLayout(Results figures, StringBuilder out) {
    super(figures, out);
  }

  @Override
  void write() {
    line("# Scenario suite, " + v("stamp"));
    line("");
    line("- Date: " + v("date") + ". Machine: " + machine() + "; apps " + javaOptions()
        + "; wrk and the apps on the same machine.");
    line("- Load average at the end: " + v("load_end") + " (per scenario below; the machine is shared).");
    line("- Targets: **jetty** = `examples/jetty-app` (embedded Jetty 12, isoprobe, `/readyz`);");
    line("  **boot** = `examples/spring-boot-app` on Tomcat with the isoprobe starter (`/readyz`);");
    line("  **actuator** = the same jar with `isoprobe.enabled=false`, probed on `/actuator/health/readiness`");
    line("  (group `readinessState,db`). Both Spring targets run with `isoprobe.shutdown.drain-delay=0s`.");
    line("- Hang modes: jetty blocks on a latch and ends on isoprobe's interrupt at the deadline (storm) or");
    line("  spins ignoring interrupts (spin storm); the Spring `db` indicator waits on a latch and swallows");
    line("  interrupts, so both Spring storms are the uninterruptible case.");
    line("");
    table();
    line("");
    spinStorm();
    line("");
    line("What a probe said 2 s into each storm (`?verbose`):");
    line("");
    for (String target : List.of("jetty", "boot", "actuator", "jetty-spin")) {
      line("- " + target + ": `" + prefix(v(target + ".verbose"), 120) + "`");
    }
    line("");
    line("Load average per scenario:");
    line("");
    loads();
    line("");
    line("![JVM threads during the storm](storm-threads.png)");
    line("![JVM threads under the retrying prober](retry-threads.png)");
    line("![probe latency during the storm](storm-latency.png)");
  }

  private void table() {
    line("| scenario | jetty (isoprobe) | boot (isoprobe) | actuator | boot / actuator |");
    line("|---|---|---|---|---|");
    row("overhead: healthy readiness req/s (16 conns)", this::readyRps,
        ratio(readyRps("boot"), readyRps("actuator")));
    row("overhead: healthy readiness p99 ms", t -> ms(t + "-ready.p99_us"), "");
    row("overhead: `/hello` req/s (16 conns)", this::helloRps, ratio(helloRps("boot"), helloRps("actuator")));
    row("overhead: readiness / `/hello`", t -> ratio(readyRps(t), helloRps(t)), "");
    row("storm: probes answered in " + v("storm_secs") + "s (64 conns)", this::answered,
        ratio(answered("boot"), answered("actuator")));
    row("storm: probe p50 / p99 / max ms (deadline " + v(Verdicts.DEADLINE_MS) + ")", this::latency, "");
    row("storm: wrk timeout count (5 s, counted per check, not per probe)", t -> v(t + "-probe.timeout"), "");
    row("storm: `/hello` p50 / p99, rate, before", t -> hello(t, "base"), "");
    row("storm: `/hello` p50 / p99, rate, during", t -> hello(t, "busy"), "");
    row("storm: JVM threads before / during min-max / " + v("after_secs") + "s after", this::threads, "");
    row("storm: RSS MiB before / max", t -> mib(t + ".rss_kb.before") + " / " + mib(t + ".rss_kb.max"), "");
    row("storm: isoprobe threads, max", this::isoprobeThreads, "");
    row("shutdown: 4 probes on a 2 s check, SIGTERM at 0.5 s: answered, exit", this::shutdown, "");
    row("shutdown: first probe's body", t -> tableText(prefix(v(t + "-shutdown.1.body"), 80)), "");
    row("retry: 16 clients, 1 s timeout, " + v("retry_secs") + "s: attempts / answered / timed out / errors",
        t -> v(t + "-retry.attempts") + " / " + v(t + "-retry.answered") + " / " + v(t + "-retry.timeout")
            + " / " + v(t + "-retry.error"), "");
    row("retry: JVM threads before / max / " + v("after_secs") + "s after",
        t -> v(t + ".retry_threads.before") + " / " + v(t + ".retry_threads.max") + " / "
            + v(t + ".retry_threads.after"), "");
    row("probe-sim: restarts (dependency hangs " + v("sim_hang_secs") + "s)", sim("restarts"), "");
    row("probe-sim: pod unready after (settings: 4.8 .. 6.8 s)", sim("unready"), "");
    row("probe-sim: liveness probes", sim("live"), "");
    row("probe-sim: LB checks (24 callers)", sim("lb"), "");
    row("probe-sim: all probes", sim("all"), "");
    row("probe-sim: threads", sim("threads"), "");
  }

  /** One row: the label, the cell of each target, and what compares boot with actuator. */
  private void row(String label, UnaryOperator<String> cell, String bootVsActuator) {
    line("| " + label + " | " + cell.apply("jetty") + " | " + cell.apply("boot") + " | "
        + cell.apply("actuator") + " | " + bootVsActuator + " |");
  }

  private void spinStorm() {
    String spin = "jetty-spin";
    line("Spin storm (jetty, `EXAMPLE_CHECK_MODE=spin`, " + v("spin_secs") + "s): answered " + answered(spin)
        + ",");
    line("p50 / p99 / max " + latency(spin) + " ms, `/hello` before " + hello(spin, "base") + ", during "
        + hello(spin, "busy") + ",");
    line("JVM threads before / during / after " + threads(spin) + ", isoprobe threads max "
        + isoprobeThreads(spin) + ".");
  }

  private String readyRps(String target) {
    return rps(target + "-ready.rps");
  }

  private String helloRps(String target) {
    return rps(target + "-hello.rps");
  }

  private String answered(String target) {
    return v(target + "-probe.requests");
  }

  private String latency(String target) {
    return raw(target + "-probe.requests").equals("0") ? "none answered" : latencies(target + "-probe");
  }

  /** {@code /hello} p50 / p99 and rate of the baseline ("base") or during the storm ("busy"). */
  private String hello(String target, String run) {
    String name = target + "-" + run;
    return ms(name + ".p50_us") + " / " + ms(name + ".p99_us") + " ms, " + rps(name + ".rps") + "/s";
  }

  private String threads(String target) {
    return v(target + ".threads.before") + " / " + v(target + ".threads.min") + "-" + v(target + ".threads.max")
        + " / " + v(target + ".threads.after");
  }

  private String isoprobeThreads(String target) {
    return v(target + ".iso_max");
  }

  private String shutdown(String target) {
    String run = target + "-shutdown";
    String statuses = String.join(",", words(v(run + ".statuses")));
    return v(run + ".answered") + "/" + v(run + ".probes") + " (" + statuses + "), exit " + v(run + ".exit")
        + " after " + v(run + ".exit_ms") + " ms";
  }

  /** A figure of probe-sim, which ran against the Spring targets only. */
  private UnaryOperator<String> sim(String figure) {
    return target -> target.equals("jetty") ? "-" : v(target + ".sim." + figure);
  }
}
