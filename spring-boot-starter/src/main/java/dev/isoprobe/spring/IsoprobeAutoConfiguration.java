/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Check;
import dev.isoprobe.DetailsAuthorizer;
import dev.isoprobe.HealthListener;
import dev.isoprobe.Probes;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The probes and the filter that answers them: every {@code Check} bean and the checks of every
 * {@link CheckSource} bean, configured by {@link IsoprobeProperties}, on the application port
 * (and Actuator's management port, as {@code isoprobe.server} says).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Probes.class, Filter.class})
@ConditionalOnBooleanProperty(name = "isoprobe.enabled", matchIfMissing = true)
@EnableConfigurationProperties(IsoprobeProperties.class)
public final class IsoprobeAutoConfiguration {

  /** Created by Spring Boot's auto-configuration only. */
  IsoprobeAutoConfiguration() {}

  /** The name of the filter's registration bean; a bean of this name replaces it. */
  public static final String FILTER_REGISTRATION = "isoprobeFilterRegistration";

  /**
   * Order of the probe filter: first, so probes are answered before Spring Security's filter
   * chain (order -100) asks for credentials kubelets and load balancers never carry, and before
   * any other filter spends time on them.
   */
  public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE;

  /**
   * Returns the application's probes, configured by the properties and then by every
   * {@link ProbesCustomizer} bean; closed with the context. Every {@link HealthListener} bean
   * hears the checks' changes. A {@link DetailsAuthorizer} bean decides who sees details under
   * {@code isoprobe.details=when-authorized}, in place of {@code isoprobe.details-roles} and
   * {@code isoprobe.details-token.*}.
   */
  @Bean
  @ConditionalOnMissingBean
  Probes isoprobeProbes(IsoprobeProperties properties, ObjectProvider<Check> checks,
      ObjectProvider<CheckSource> sources, ObjectProvider<ProbesCustomizer> customizers,
      ObjectProvider<HealthListener> listeners, ObjectProvider<DetailsAuthorizer> authorizer,
      ObjectProvider<PrincipalScope> scope) {
    List<Check> all = new ArrayList<>();
    checks.orderedStream().forEach(all::add);
    sources.orderedStream().forEach(source -> all.addAll(source.checks()));
    Probes probes = ProbesFactory.create(properties, all,
        new ProbesFactory.Authorization(authorizer.getIfAvailable(), scope.getIfAvailable()),
        customizers.orderedStream().toList());
    listeners.orderedStream().forEach(probes::addListener);
    return probes;
  }

  /**
   * Registers the probe filter for every path, async, ahead of every other filter, unless
   * {@code isoprobe.server=management} moves the probes to a management server of their own.
   */
  @Bean(FILTER_REGISTRATION)
  @ConditionalOnMissingBean(name = FILTER_REGISTRATION)
  FilterRegistrationBean<Filter> isoprobeFilterRegistration(Probes probes,
      IsoprobeProperties properties, Environment environment) {
    FilterRegistrationBean<Filter> registration = registration(probes);
    registration.setEnabled(properties.getServer() != IsoprobeProperties.Server.MANAGEMENT
        || !ManagementPort.isOwn(environment));
    return registration;
  }

  /** The probe filter's registration on one server. */
  static FilterRegistrationBean<Filter> registration(Probes probes) {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(probes.filter());
    registration.setName("isoprobe");
    // Probes are answered on isoprobe's threads; a sync filter would hold a container thread.
    registration.setAsyncSupported(true);
    registration.addUrlPatterns("/*");
    registration.setOrder(FILTER_ORDER);
    return registration;
  }
}
