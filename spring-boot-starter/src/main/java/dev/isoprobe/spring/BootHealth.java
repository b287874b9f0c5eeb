/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthCheck;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** What Spring Boot's health contributors and isoprobe's checks have in common. */
final class BootHealth {

  private BootHealth() {}

  /**
   * Returns a readiness check named as Actuator names the contributor: a registry name, with
   * {@code /} and the member's name for each composite it sits in ({@code db/primary}).
   *
   * @throws IllegalStateException if the name is not a check name
   */
  static Check check(String name, HealthCheck healthCheck) {
    try {
      // Readiness is the builder's default group: a dependency must never restart the pod.
      return Check.builder(name, healthCheck).build();
    } catch (IllegalArgumentException badName) {
      throw new IllegalStateException("isoprobe: health contributor '" + name + "' gives check "
          + badName.getMessage() + "; rename its bean", badName);
    }
  }

  /** UP is up; DOWN, OUT_OF_SERVICE, UNKNOWN, any custom status and no health are down. */
  static CheckResult result(Health health) {
    if (health == null) {
      return CheckResult.down();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    health.getDetails().forEach((key, value) -> {
      if (key != null && value != null) {
        details.put(key, value);
      }
    });
    return Status.UP.equals(health.getStatus()) ? CheckResult.up(details) : CheckResult.down(details);
  }
}
