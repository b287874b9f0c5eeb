/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.time.Duration;

/**
 * One kubelet probe (readiness or liveness) as a Pod spec states it. Durations may be fractional
 * here (Kubernetes takes whole seconds) so that tests and demos can run at a faster time scale.
 *
 * @param initialDelay {@code initialDelaySeconds}: no probe before the container has run this long
 * @param period {@code periodSeconds}: the prober's ticker period
 * @param timeout {@code timeoutSeconds}: an attempt without a response by then is a failure
 * @param failureThreshold consecutive failures that make the pod unready (readiness) or restart it (liveness)
 * @param successThreshold consecutive successes that make the pod ready again (1 for liveness)
 * @param path the HTTP path probed in live mode
 */
record ProbeSettings(
    Duration initialDelay,
    Duration period,
    Duration timeout,
    int failureThreshold,
    int successThreshold,
    String path) {

  /** The Kubernetes defaults: initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, thresholds 3 and 1. */
  static ProbeSettings kubernetesDefaults(String path) {
    return new ProbeSettings(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(1), 3, 1, path);
  }

  @Override
  public String toString() {
    return "periodSeconds " + Durations.format(period) + ", timeoutSeconds " + Durations.format(timeout)
        + ", failureThreshold " + failureThreshold + ", successThreshold " + successThreshold
        + ", initialDelaySeconds " + Durations.format(initialDelay);
  }
}
