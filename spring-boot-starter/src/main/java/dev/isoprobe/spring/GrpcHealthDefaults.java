/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Turns Boot 4.1's own gRPC health off by default where {@link IsoprobeGrpcAutoConfiguration}
 * serves it instead: its service bean cannot be replaced, only switched off, and conditions see
 * the environment, not beans. A default only, below every property source, so that
 * {@code spring.grpc.server.health.enabled=true} keeps Boot's (and then isoprobe's backs off).
 * Names no gRPC class, so that it loads on Boot 4.0 too.
 */
final class GrpcHealthDefaults implements EnvironmentPostProcessor, Ordered {

  static final String ENABLED = "isoprobe.grpc.enabled";
  static final String BOOT_HEALTH_ENABLED = "spring.grpc.server.health.enabled";
  static final String SOURCE = "isoprobeGrpcHealthDefaults";

  private static final String[] REQUIRED = {
      "dev.isoprobe.grpc.GrpcHealth",
      "org.springframework.grpc.server.GrpcServerFactory",
      "org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration",
      "jakarta.servlet.Filter"};

  /** Made by Spring Boot from {@code META-INF/spring.factories}. */
  GrpcHealthDefaults() {}

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment,
      SpringApplication application) {
    if (applies(environment, application.getWebApplicationType())) {
      environment.getPropertySources().addLast(
          new MapPropertySource(SOURCE, Map.of(BOOT_HEALTH_ENABLED, "false")));
    }
  }

  /** Whether isoprobe would serve gRPC health: Boot's own then defaults to off. */
  static boolean applies(ConfigurableEnvironment environment, WebApplicationType type) {
    ClassLoader loader = GrpcHealthDefaults.class.getClassLoader();
    for (String name : REQUIRED) {
      if (!ClassUtils.isPresent(name, loader)) {
        return false;
      }
    }
    // The probes exist in a servlet web application only (IsoprobeAutoConfiguration).
    return type == WebApplicationType.SERVLET
        && on(environment, "isoprobe.enabled") && on(environment, ENABLED);
  }

  /** A value that is no boolean is left to the binding, which fails startup naming it. */
  private static boolean on(ConfigurableEnvironment environment, String name) {
    try {
      return environment.getProperty(name, Boolean.class, true);
    } catch (RuntimeException notABoolean) {
      return false;
    }
  }

  /** After the application's own property sources are read, so that it sees their values. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
