/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Probes;
import dev.isoprobe.shutdown.GracefulShutdown;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Drains and stops the probes when the context closes, ahead of the web server's graceful
 * shutdown ({@code server.shutdown=graceful}); see {@code isoprobe.shutdown.*}.
 */
@AutoConfiguration(after = IsoprobeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "isoprobe.enabled", matchIfMissing = true)
@ConditionalOnBean(Probes.class)
public final class IsoprobeLifecycleAutoConfiguration {

  /** Created by Spring Boot's auto-configuration only. */
  IsoprobeLifecycleAutoConfiguration() {}

  /** The name of the lifecycle bean; a bean of this name replaces it. */
  public static final String LIFECYCLE = "isoprobeLifecycle";

  @Bean(LIFECYCLE)
  @ConditionalOnMissingBean(name = LIFECYCLE)
  ProbesLifecycle isoprobeLifecycle(Probes probes, IsoprobeProperties properties,
      ApplicationContext context) {
    IsoprobeProperties.Shutdown settings = properties.getShutdown();
    return new ProbesLifecycle(GracefulShutdown.builder(probes)
        .drainDelay(settings.getDrainDelay()).timeout(settings.getTimeout()).build(), context);
  }
}
