/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns every health contributor Spring Boot registers into a readiness check, when its health
 * module (part of Actuator) is on the classpath: plain, typed as {@code HealthContributor},
 * composite, or reactive. They are read from Boot's own registries, which gather every
 * contributor bean by type whatever the order of their definitions, so isoprobe's checks are
 * Actuator's. The indicators run on isoprobe's executor with its deadlines; Actuator's own
 * endpoint keeps calling them as before.
 */
@AutoConfiguration(before = IsoprobeAutoConfiguration.class,
    after = HealthContributorRegistryAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HealthContributorRegistry.class)
@ConditionalOnBooleanProperty(name = "isoprobe.enabled", matchIfMissing = true)
public final class IsoprobeHealthContributorAutoConfiguration {

  /** Created by Spring Boot's auto-configuration only. */
  IsoprobeHealthContributorAutoConfiguration() {}

  /** The name of the adapter of blocking contributors; a bean of this name replaces it. */
  public static final String CHECK_SOURCE = "isoprobeHealthContributorChecks";

  /** The name of the adapter of reactive contributors; a bean of this name replaces it. */
  public static final String REACTIVE_CHECK_SOURCE = "isoprobeReactiveHealthContributorChecks";

  @Bean(CHECK_SOURCE)
  @ConditionalOnBean(HealthContributorRegistry.class)
  @ConditionalOnMissingBean(name = CHECK_SOURCE)
  CheckSource isoprobeHealthContributorChecks(HealthContributorRegistry registry) {
    return new HealthContributorCheckSource(registry);
  }

  /** Only with Reactor, as Boot's reactive registry itself. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "reactor.core.publisher.Mono")
  static class Reactive {

    @Bean(REACTIVE_CHECK_SOURCE)
    @ConditionalOnBean(ReactiveHealthContributorRegistry.class)
    @ConditionalOnMissingBean(name = REACTIVE_CHECK_SOURCE)
    CheckSource isoprobeReactiveHealthContributorChecks(ReactiveHealthContributorRegistry registry) {
      return new ReactiveHealthContributorCheckSource(registry);
    }
  }
}
