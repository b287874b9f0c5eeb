/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Probes;
import jakarta.servlet.Filter;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The probe filter on Actuator's management server, when it has a port of its own and
 * {@code isoprobe.server} is {@code management} or {@code both}. It answers from the
 * application's own {@link Probes}: one engine, one set of threads, whichever port is probed.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(Probes.class)
class IsoprobeManagementContextConfiguration {

  /** The name of the filter's registration bean on the management server. */
  static final String FILTER_REGISTRATION = "isoprobeManagementFilterRegistration";

  @Bean(FILTER_REGISTRATION)
  FilterRegistrationBean<Filter> isoprobeManagementFilterRegistration(Probes probes,
      IsoprobeProperties properties) {
    FilterRegistrationBean<Filter> registration = IsoprobeAutoConfiguration.registration(probes);
    registration.setEnabled(properties.getServer() != IsoprobeProperties.Server.APPLICATION);
    return registration;
  }
}
