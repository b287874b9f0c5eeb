/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.ProbeMetrics;
import dev.isoprobe.Probes;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Records isoprobe's meters ({@code isoprobe.probe.requests}, {@code isoprobe.check.duration},
 * ...; see {@code docs/metrics.md}) in the application's {@code MeterRegistry}, when Micrometer
 * is on the class path and the application has a registry. {@code isoprobe.metrics.enabled=false}
 * turns them off.
 */
@AutoConfiguration(before = IsoprobeAutoConfiguration.class, afterName = {
    // Where Spring Boot creates the registry; named, not referenced, as the module is optional.
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({MeterRegistry.class, Probes.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = {"isoprobe.enabled", "isoprobe.metrics.enabled"},
    matchIfMissing = true)
public final class IsoprobeMetricsAutoConfiguration {

  /** Created by Spring Boot's auto-configuration only. */
  IsoprobeMetricsAutoConfiguration() {}

  /** The name of the customizer that adds the meters; a bean of this name replaces it. */
  public static final String METRICS_CUSTOMIZER = "isoprobeMetricsCustomizer";

  /**
   * Returns the meters in the application's registry; a {@code ProbeMetrics} bean of your own
   * (with extra tags, say) replaces it.
   */
  @Bean
  @ConditionalOnMissingBean
  ProbeMetrics isoprobeProbeMetrics(MeterRegistry registry) {
    return ProbeMetrics.of(registry);
  }

  @Bean(METRICS_CUSTOMIZER)
  @ConditionalOnMissingBean(name = METRICS_CUSTOMIZER)
  ProbesCustomizer isoprobeMetricsCustomizer(ProbeMetrics metrics) {
    return builder -> builder.metrics(metrics);
  }
}
