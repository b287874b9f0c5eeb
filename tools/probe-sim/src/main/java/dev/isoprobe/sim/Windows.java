/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.time.Duration;

/**
 * The windows a periodic prober needs to notice a dependency that hangs at t = 0, and to notice
 * that it healed, computed from the settings alone. All times are in milliseconds.
 *
 * <p>The prober is the kubelet's, as {@code pkg/kubelet/prober/worker.go} (kubernetes/kubernetes)
 * runs it: one goroutine per container and probe type probes once, then waits on a
 * {@code time.Ticker} of {@code periodSeconds} and probes again, synchronously. An HTTP probe
 * that gets no response within {@code timeoutSeconds} is a plain {@code Failure} (not an error,
 * so {@code prober.go} does not retry it); a status from 200 to 399 is a success. After
 * {@code failureThreshold} failures in a row the readiness result flips to unready or the
 * liveness result triggers a restart; {@code successThreshold} successes in a row flip readiness
 * back. A Go ticker drops ticks for a slow receiver but keeps one: an attempt still running at a
 * tick is followed at once by the next attempt, so attempts that take longer than the period run
 * back to back. Load-balancer callers are modelled the same way, one ticker per caller.
 *
 * <p>Assumptions: a healthy attempt is answered at once; every attempt that starts after the hang
 * (and before the heal) fails after the same latency; the best case is a tick exactly at the
 * hang, the worst case a tick just before it (the limit, not reached).
 */
final class Windows {

  /** Best and worst case, in milliseconds. */
  record Window(long best, long worst) {

    @Override
    public String toString() {
      return Durations.seconds(best) + " s .. " + Durations.seconds(worst) + " s";
    }

    /** Whether {@code millis} lies in the window widened by {@code slack} on both sides. */
    boolean contains(long millis, long slack) {
      return millis >= best - slack && millis <= worst + slack;
    }
  }

  private Windows() {}

  /**
   * How long a hung attempt takes to fail: isoprobe's 503 at {@code deadline} if that comes before
   * the caller's {@code timeout}, otherwise the caller's own timeout.
   *
   * @param deadline isoprobe's probe deadline, or {@code null} for an app that never answers a hung probe
   */
  static long failureLatency(Duration timeout, Duration deadline) {
    return deadline == null ? timeout.toMillis() : Math.min(timeout.toMillis(), deadline.toMillis());
  }

  /** Time between attempt starts when each attempt takes {@code latency}: the period, or back to back. */
  static long interval(long period, long latency) {
    return Math.max(period, latency);
  }

  /**
   * From the hang to the {@code threshold}-th consecutive failure: the first failing attempt starts
   * 0 (best) to 1 (worst) period after the hang, the next ones one interval apart, and the last
   * one fails {@code latency} after it started.
   */
  static Window toFail(long period, long latency, int threshold) {
    long best = (threshold - 1) * interval(period, latency) + latency;
    return new Window(best, best + period);
  }

  /**
   * From the heal to the {@code threshold}-th consecutive success: the attempt in flight at the heal
   * still fails, the first attempt after it starts 0 to 1 interval later, and the later successes
   * come one period apart since healthy attempts are answered at once.
   */
  static Window toRecover(long period, long latency, int threshold) {
    long best = (threshold - 1) * period;
    return new Window(best, best + interval(period, latency));
  }

  static Window unready(ProbeSettings readiness, Duration deadline) {
    return toFail(readiness.period().toMillis(), failureLatency(readiness.timeout(), deadline),
        readiness.failureThreshold());
  }

  static Window readyAgain(ProbeSettings readiness, Duration deadline) {
    return toRecover(readiness.period().toMillis(), failureLatency(readiness.timeout(), deadline),
        readiness.successThreshold());
  }

  /** The restart window, for a liveness probe that depends on the hung dependency. */
  static Window restart(ProbeSettings liveness, Duration deadline) {
    return toFail(liveness.period().toMillis(), failureLatency(liveness.timeout(), deadline),
        liveness.failureThreshold());
  }

  /** When one LB caller ejects the instance; each caller decides on its own. */
  static Window eject(LbSettings lb, Duration deadline) {
    return toFail(lb.interval().toMillis(), failureLatency(lb.timeout(), deadline), lb.unhealthy());
  }

  static Window readmit(LbSettings lb, Duration deadline) {
    return toRecover(lb.interval().toMillis(), failureLatency(lb.timeout(), deadline), lb.healthy());
  }

  /** Requests per minute from one prober whose attempts start {@code intervalMillis} apart. */
  static double perMinute(long intervalMillis) {
    return 60_000.0 / intervalMillis;
  }
}
