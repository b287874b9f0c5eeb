/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.FilterChainProxy;

/**
 * Spring Security and isoprobe side by side. isoprobe's filter answers probes ahead of Spring
 * Security's filter chain, so kubelets and load balancers, which carry no credentials, are
 * answered without a security rule, and a secured application stays secured. Under
 * {@code isoprobe.details=when-authorized} a probe that carries credentials (an
 * {@code Authorization} header or a cookie) is authenticated by a filter chain of isoprobe's own,
 * outside the application's: HTTP Basic against the application's users, or its existing login
 * session, plus whatever {@code Customizer<HttpSecurity>} beans add. The details authorizer is
 * then asked inside that chain, so {@code isUserInRole} sees the caller's roles. That chain never
 * writes to the probe's response, creates no session and saves no request: wrong credentials
 * leave the probe answered as it would be without them, never 401. Credentials are checked on the
 * container thread before the probe's deadline starts; a slow password hash (bcrypt) costs that
 * caller its time, never a kubelet.
 */
@AutoConfiguration(before = IsoprobeAutoConfiguration.class,
    afterName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HttpSecurity.class, FilterChainProxy.class})
@ConditionalOnBean(HttpSecurity.class)
@ConditionalOnBooleanProperty(name = "isoprobe.enabled", matchIfMissing = true)
public final class IsoprobeSecurityAutoConfiguration {

  /** Created by Spring Boot's auto-configuration only. */
  IsoprobeSecurityAutoConfiguration() {}

  /** The name of the bean that authenticates probes for details; one of this name replaces it. */
  public static final String PRINCIPAL_SCOPE = "isoprobeSpringSecurityPrincipalScope";

  @Bean(PRINCIPAL_SCOPE)
  @ConditionalOnMissingBean(name = PRINCIPAL_SCOPE)
  PrincipalScope isoprobeSpringSecurityPrincipalScope(ObjectProvider<HttpSecurity> http) {
    return new SpringSecurityPrincipalScope(http);
  }
}
