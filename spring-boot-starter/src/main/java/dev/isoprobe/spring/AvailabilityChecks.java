/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/** Checks that report Spring Boot's own availability state, as Actuator's probes do. */
final class AvailabilityChecks {

  static final String LIVENESS_STATE = "livenessState";
  static final String READINESS_STATE = "readinessState";

  private AvailabilityChecks() {}

  /**
   * Up while the liveness state is {@code CORRECT}. In liveness, and in startup too: the state
   * turns {@code CORRECT} once the context has refreshed, which is when startup is over.
   */
  static Check liveness(ApplicationAvailability availability) {
    return Check.builder(LIVENESS_STATE,
            context -> result(availability.getLivenessState(), LivenessState.CORRECT))
        .groups(Group.LIVENESS, Group.STARTUP)
        .build();
  }

  /** Up while the readiness state is {@code ACCEPTING_TRAFFIC}. In readiness. */
  static Check readiness(ApplicationAvailability availability) {
    return Check.builder(READINESS_STATE,
            context -> result(availability.getReadinessState(), ReadinessState.ACCEPTING_TRAFFIC))
        .groups(Group.READINESS)
        .build();
  }

  private static CheckResult result(AvailabilityState state, AvailabilityState up) {
    Map<String, String> details = Map.of("state", String.valueOf(state));
    return up.equals(state) ? CheckResult.up(details) : CheckResult.down(details);
  }
}
