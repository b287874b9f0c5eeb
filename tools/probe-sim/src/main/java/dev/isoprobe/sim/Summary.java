/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a live run measured, next to what the settings predict. Times are milliseconds after the
 * hang (or heal) POST was sent, {@code null} when it did not happen.
 */
record Summary(
    Options options,
    Tally readiness,
    Tally liveness,
    Tally lb,
    int restarts,
    Long hangAtMs,
    Long healAtMs,
    Long unreadyAfterHang,
    Long readyAfterHeal,
    Long firstEjectAfterHang,
    Long allEjectedAfterHang,
    int threadsMin,
    int threadsMax) {

  /** Collects the counters while the run goes; {@link #build} reads the timeline once it is over. */
  static final class Builder {
    final Options options;
    final Tally readiness = new Tally();
    final Tally liveness = new Tally();
    final Tally lb = new Tally();
    private volatile long hangSent = -1;
    private volatile long healSent = -1;

    Builder(Options options) {
      this.options = options;
    }

    void hangSent(long nanos) {
      hangSent = nanos;
    }

    void healSent(long nanos) {
      healSent = nanos;
    }

    Summary build(Timeline timeline, int restarts, LoadBalancer balancer, ThreadSampler sampler) {
      Long hang = hangSent < 0 ? null : hangSent;
      Long heal = healSent < 0 ? null : healSent;
      Long allOut = null;
      if (hang != null && balancer != null) {
        allOut = balancer.allOut().stream().filter(t -> t >= hang).findFirst().map(t -> millis(t - hang)).orElse(null);
      }
      return new Summary(options, readiness, liveness, lb, restarts,
          hang == null ? null : millis(hang), heal == null ? null : millis(heal),
          after(timeline, Timeline.Kind.UNREADY, hang), after(timeline, Timeline.Kind.READY, heal),
          after(timeline, Timeline.Kind.EJECT, hang), allOut,
          sampler == null ? -1 : sampler.min(), sampler == null ? -1 : sampler.max());
    }

    private static Long after(Timeline timeline, Timeline.Kind kind, Long from) {
      if (from == null) {
        return null;
      }
      Timeline.Event e = timeline.first(kind, from);
      return e == null ? null : millis(e.at() - from);
    }

    private static long millis(long nanos) {
      return nanos / 1_000_000;
    }
  }

  long sent() {
    return readiness.sent.sum() + liveness.sent.sum() + lb.sent.sum();
  }

  long answered() {
    return readiness.answered.sum() + liveness.answered.sum() + lb.answered.sum();
  }

  long timedOut() {
    return readiness.timedOut.sum() + liveness.timedOut.sum() + lb.timedOut.sum();
  }

  long errors() {
    return readiness.errors.sum() + liveness.errors.sum() + lb.errors.sum();
  }

  void print(PrintStream out) {
    out.println();
    out.println("summary");
    if (options.readiness() != null) {
      out.println("  readiness probes:      " + readiness);
    }
    if (options.liveness() != null) {
      out.println("  liveness probes:       " + liveness);
    }
    if (options.lb() != null) {
      out.println("  load balancer checks:  " + lb);
    }
    out.println("  all probes:            " + sent() + " sent, " + answered() + " answered, " + timedOut()
        + " timed out, " + errors() + " failed to connect");
    if (sent() > 0 && answered() == 0) {
      out.println("  no probe was answered: is the app listening on " + options.base() + "?");
    }
    out.println("  restarts:              " + restarts
        + (options.liveness() == null ? " (no liveness probe)" : ""));
    printHang(out);
    if (threadsMax >= 0) {
      out.println("  threads in pid " + options.threadsPid() + ": min " + threadsMin + ", max " + threadsMax);
    }
  }

  private void printHang(PrintStream out) {
    if (hangAtMs == null) {
      return;
    }
    out.println("  hang POST sent at " + Durations.seconds(hangAtMs) + " s");
    if (options.readiness() != null) {
      out.println("    pod unready after    " + after(unreadyAfterHang) + "  (settings: "
          + Windows.unready(options.readiness(), options.deadline()) + ")");
    }
    if (options.liveness() != null) {
      out.println("    restart, if liveness depended on it, after " + Windows.restart(options.liveness(), options.deadline())
          + " (settings); restarts seen: " + restarts);
    }
    if (options.lb() != null) {
      out.println("    first LB ejection    " + after(firstEjectAfterHang) + ", all " + options.lb().callers()
          + " callers out after " + after(allEjectedAfterHang) + "  (settings, per caller: "
          + Windows.eject(options.lb(), options.deadline()) + ")");
    }
    if (healAtMs != null && options.readiness() != null) {
      out.println("  heal POST sent at " + Durations.seconds(healAtMs) + " s");
      out.println("    pod ready again after " + after(readyAfterHeal) + "  (settings: "
          + Windows.readyAgain(options.readiness(), options.deadline()) + ")");
    }
  }

  private static String after(Long millis) {
    return millis == null ? "never" : String.format(Locale.ROOT, "%s s", Durations.seconds(millis));
  }
}
