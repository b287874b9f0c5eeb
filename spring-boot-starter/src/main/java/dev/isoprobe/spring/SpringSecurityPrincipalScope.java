/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.DetailsAuthorizer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Asks a details authorizer inside a Spring Security filter chain of isoprobe's own, so that
 * {@code isUserInRole} sees the principal the probe's credentials authenticate. The chain is not
 * a bean: it neither joins the application's {@code FilterChainProxy} nor makes Spring Boot's
 * default chain back off. Thread-safe.
 */
final class SpringSecurityPrincipalScope implements PrincipalScope {

  private final ObjectProvider<HttpSecurity> http;

  SpringSecurityPrincipalScope(ObjectProvider<HttpSecurity> http) {
    this.http = http;
  }

  @Override
  public DetailsAuthorizer around(DetailsAuthorizer authorizer) {
    FilterChainProxy chain = new FilterChainProxy(chain(http.getObject()));
    chain.afterPropertiesSet();
    // As it is first: a header token decides without authenticating anyone, and a probe without
    // credentials (every kubelet's) never enters the chain.
    return request -> authorizer.isAuthorized(request)
        || (carriesCredentials(request) && insideChain(chain, request, authorizer));
  }

  /**
   * Authentication only: HTTP Basic and the login session, no authorization rule (an unknown
   * caller simply is not authorized), nothing that writes headers, creates a session or saves
   * the request for a later login.
   */
  static SecurityFilterChain chain(HttpSecurity http) {
    try {
      return http.csrf(AbstractHttpConfigurer::disable)
          .headers(AbstractHttpConfigurer::disable)
          .requestCache(AbstractHttpConfigurer::disable)
          .logout(AbstractHttpConfigurer::disable)
          .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
          .httpBasic(Customizer.withDefaults())
          .build();
    } catch (Exception failed) {
      throw new IllegalStateException(
          "isoprobe: cannot build the filter chain that authenticates probes for details", failed);
    }
  }

  static boolean carriesCredentials(HttpServletRequest request) {
    return request.getHeader("Authorization") != null || request.getHeader("Cookie") != null;
  }

  /**
   * Runs the chain on a response nobody sees; the authorizer is asked where the chain ends, which
   * a request whose credentials fail never reaches.
   */
  private static boolean insideChain(FilterChainProxy chain, HttpServletRequest request,
      DetailsAuthorizer authorizer) {
    AtomicBoolean authorized = new AtomicBoolean();
    FilterChain end = (authenticated, response) ->
        authorized.set(authorizer.isAuthorized((HttpServletRequest) authenticated));
    try {
      chain.doFilter(request, new DiscardedResponse(), end);
    } catch (IOException | ServletException | RuntimeException refused) {
      return false;
    }
    return authorized.get();
  }
}
