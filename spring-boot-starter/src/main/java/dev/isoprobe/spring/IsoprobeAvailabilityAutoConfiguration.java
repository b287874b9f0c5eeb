/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Check;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;

/**
 * Lets {@code ApplicationAvailability} drive two checks: {@code livenessState} (liveness and
 * startup; up while {@code CORRECT}) and {@code readinessState} (readiness; up while
 * {@code ACCEPTING_TRAFFIC}). Needs no Actuator.
 */
@AutoConfiguration(after = ApplicationAvailabilityAutoConfiguration.class,
    before = IsoprobeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "isoprobe.enabled", matchIfMissing = true)
@ConditionalOnBean(ApplicationAvailability.class)
public final class IsoprobeAvailabilityAutoConfiguration {

  /** Created by Spring Boot's auto-configuration only. */
  IsoprobeAvailabilityAutoConfiguration() {}

  /** Returns the {@code livenessState} check; a bean of this name replaces it. */
  @Bean
  @ConditionalOnMissingBean(name = "livenessStateCheck")
  Check livenessStateCheck(ApplicationAvailability availability) {
    return AvailabilityChecks.liveness(availability);
  }

  /** Returns the {@code readinessState} check; a bean of this name replaces it. */
  @Bean
  @ConditionalOnMissingBean(name = "readinessStateCheck")
  Check readinessStateCheck(ApplicationAvailability availability) {
    return AvailabilityChecks.readiness(availability);
  }
}
