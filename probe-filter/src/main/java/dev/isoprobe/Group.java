/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/**
 * The Kubernetes meaning of a check. {@code /healthz} runs the checks of every group.
 *
 * <p>Liveness holds only checks of the process itself: a failing liveness probe restarts the
 * pod, so a dependency there turns a dependency outage into a crash loop. Dependencies belong
 * to readiness, which takes the pod out of load balancing instead.
 */
public enum Group {
  /** The process is alive; failing restarts the pod. Runs on its own lane. */
  LIVENESS,
  /** The instance can take traffic; failing removes it from load balancing. */
  READINESS,
  /** The application has finished starting; Kubernetes holds other probes until it passes. */
  STARTUP;

  /** Returns the group whose lower-case name is {@code name}, or null. */
  static Group named(String name) {
    for (Group group : values()) {
      if (group.name().toLowerCase(java.util.Locale.ROOT).equals(name)) {
        return group;
      }
    }
    return null;
  }
}
