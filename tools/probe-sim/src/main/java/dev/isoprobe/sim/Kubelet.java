/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

/**
 * The kubelet's view of one container: the readiness and liveness results with their thresholds,
 * as {@code pkg/kubelet/prober/worker.go} keeps them (a run of equal results; the result is set
 * once the run reaches the threshold). A liveness failure restarts the container: the simulated
 * new container starts at once, unready, with both probes waiting out {@code initialDelaySeconds}
 * again; the app itself keeps running. Thread-safe.
 */
final class Kubelet {

  private final ProbeSettings readiness;
  private final ProbeSettings liveness;
  private final Timeline timeline;

  private long containerStart;
  private long generation;
  private boolean ready;
  private boolean lastReadinessOk = true;
  private int readinessRun;
  private int livenessRun;
  private int restarts;

  /** @param readiness the readiness probe, or {@code null}; likewise {@code liveness} */
  Kubelet(ProbeSettings readiness, ProbeSettings liveness, Timeline timeline) {
    this.readiness = readiness;
    this.liveness = liveness;
    this.timeline = timeline;
  }

  Caller.Policy readinessPolicy() {
    return policy(readiness, this::readiness);
  }

  Caller.Policy livenessPolicy() {
    return policy(liveness, this::liveness);
  }

  /** The caller's view of one probe kind: when to start an attempt, where its result goes. */
  private Caller.Policy policy(ProbeSettings settings, AttemptRecorder recorder) {
    return new Caller.Policy() {
      @Override
      public long begin(long now) {
        return token(now, settings);
      }

      @Override
      public void record(Attempt attempt, long token) {
        recorder.record(attempt, token);
      }
    };
  }

  @FunctionalInterface
  private interface AttemptRecorder {
    void record(Attempt attempt, long token);
  }

  synchronized int restarts() {
    return restarts;
  }

  /** The container generation, or -1 while the probe waits out its initial delay. */
  private synchronized long token(long now, ProbeSettings probe) {
    return now < containerStart + probe.initialDelay().toNanos() ? -1 : generation;
  }

  private synchronized void readiness(Attempt a, long token) {
    if (token != generation) {
      return; // an attempt on the container that was restarted meanwhile
    }
    boolean ok = a.success();
    readinessRun = ok == lastReadinessOk ? readinessRun + 1 : 1;
    lastReadinessOk = ok;
    int threshold = ok ? readiness.successThreshold() : readiness.failureThreshold();
    if (readinessRun >= threshold && ok != ready) {
      ready = ok;
      timeline.add(a.end(), ok ? Timeline.Kind.READY : Timeline.Kind.UNREADY, "kubelet",
          "pod marked " + (ok ? "READY" : "UNREADY") + " (" + threshold + " readiness "
              + (ok ? "success" : "failure") + (threshold == 1 ? "" : ok ? "es" : "s") + " in a row)");
    }
  }

  private synchronized void liveness(Attempt a, long token) {
    if (token != generation) {
      return;
    }
    livenessRun = a.success() ? 0 : livenessRun + 1;
    if (livenessRun >= liveness.failureThreshold()) {
      restarts++;
      generation++;
      containerStart = a.end();
      livenessRun = 0;
      ready = false;
      lastReadinessOk = true;
      readinessRun = 0;
      timeline.add(a.end(), Timeline.Kind.RESTART, "kubelet", "container RESTART #" + restarts + " ("
          + liveness.failureThreshold() + " liveness failures in a row; simulated: the app keeps running,"
          + " the new container starts unready)");
    }
  }
}
