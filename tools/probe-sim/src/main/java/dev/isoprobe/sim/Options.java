/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.net.URI;
import java.time.Duration;

/**
 * A validated command line. Absent options are {@code null}; {@link Cli#parse} guarantees that at
 * least one caller is configured and that live mode has a loopback base URL and a duration.
 *
 * @param pure compute the windows from the settings only; the live options are then ignored
 * @param quiet in live mode, print state changes and the summary but not every probe
 * @param help print the usage and exit
 * @param readiness the kubelet's readiness probe, or {@code null} for none
 * @param liveness the kubelet's liveness probe, or {@code null} for none
 * @param lb the load balancer's checks, or {@code null} for none
 * @param deadline isoprobe's probe deadline (a hung probe is answered 503 by then), or {@code null}
 *     for an app that never answers a hung probe
 * @param base the app's base URL, on 127.0.0.1 or [::1]
 * @param duration how long live mode probes
 * @param hangAt when to POST {@code hangUrl}, from the start, or {@code null}
 * @param hangUrl the URL that makes the app's dependency hang
 * @param healAt when to POST {@code healUrl}, or {@code null}
 * @param healUrl the URL that heals it
 * @param threadsPid the process whose JVM threads are sampled, or {@code null}
 */
record Options(
    boolean pure,
    boolean quiet,
    boolean help,
    ProbeSettings readiness,
    ProbeSettings liveness,
    LbSettings lb,
    Duration deadline,
    URI base,
    Duration duration,
    Duration hangAt,
    URI hangUrl,
    Duration healAt,
    URI healUrl,
    Long threadsPid) {

  /** The longest timeout of any configured caller: how long the last attempt may still run after the end. */
  Duration longestTimeout() {
    Duration longest = Duration.ZERO;
    for (Duration t : new Duration[] {
        readiness == null ? null : readiness.timeout(),
        liveness == null ? null : liveness.timeout(),
        lb == null ? null : lb.timeout()}) {
      if (t != null && t.compareTo(longest) > 0) {
        longest = t;
      }
    }
    return longest;
  }
}
