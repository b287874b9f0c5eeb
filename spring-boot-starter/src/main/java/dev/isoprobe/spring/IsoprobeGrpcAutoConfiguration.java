/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Probes;
import dev.isoprobe.grpc.GrpcHealth;
import io.grpc.BindableService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.grpc.server.lifecycle.GrpcServerShutdownEvent;

/**
 * gRPC health on Spring Boot 4.1's gRPC server, answered by isoprobe's probes: the
 * {@code grpc.health.v1.Health} service is {@link GrpcHealth}, with the same checks (so the same
 * names), deadline and single-flight as the HTTP probes, in place of Boot's own, which copies the
 * health contributors' status into a {@code HealthStatusManager} every 5 s on the task scheduler
 * with no deadline.
 *
 * <p>Boot's own gRPC health has one switch, {@code spring.grpc.server.health.enabled}, and its
 * service bean cannot be replaced: the starter makes that switch default to {@code false} when
 * this configuration can apply, and this configuration applies only while it is {@code false},
 * so that there is one health service either way. {@code isoprobe.grpc.enabled=false} (or
 * {@code isoprobe.enabled=false}) leaves gRPC health to Boot, as does
 * {@code spring.grpc.server.health.enabled=true}. A {@link GrpcHealth} bean of the application's
 * own replaces isoprobe's.
 *
 * <p>Like Boot's, it serves only a server the application gives a service of its own: it needs a
 * {@link BindableService} bean besides, and the probes (a servlet web application).
 */
@AutoConfiguration(after = IsoprobeAutoConfiguration.class, beforeName = {
    "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration",
    "org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration"})
// By name: read reflectively (as a test's runner does), a missing class would hide the condition.
@ConditionalOnClass(name = {"dev.isoprobe.grpc.GrpcHealth", "io.grpc.BindableService",
    "org.springframework.grpc.server.GrpcServerFactory",
    "org.springframework.boot.grpc.server.autoconfigure.health.GrpcServerHealthAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "isoprobe.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "isoprobe.grpc.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "spring.grpc.server.health.enabled", havingValue = false)
@ConditionalOnBean(type = {"dev.isoprobe.Probes", "io.grpc.BindableService"})
public final class IsoprobeGrpcAutoConfiguration {

  /** Created by Spring Boot's auto-configuration only. */
  IsoprobeGrpcAutoConfiguration() {}

  /** Returns the gRPC health service, which Spring gRPC's server adds as it adds every service. */
  @Bean
  @ConditionalOnMissingBean
  GrpcHealth isoprobeGrpcHealth(Probes probes) {
    return GrpcHealth.of(probes);
  }

  /**
   * Stops the probes when the gRPC server starts its shutdown, before it waits for its calls:
   * every {@code Check} in flight is answered and every {@code Watch} completed, so the server's
   * grace period never waits on health. The server's lifecycle stops in the last phase of all,
   * ahead of {@link ProbesLifecycle}, whose drain has already run by then.
   */
  @Bean
  StopProbesFirst isoprobeGrpcShutdown(ObjectProvider<ProbesLifecycle> lifecycle) {
    return new StopProbesFirst(lifecycle);
  }

  /** A class, not a lambda, so that Spring sees which event it listens to. */
  static final class StopProbesFirst implements ApplicationListener<GrpcServerShutdownEvent> {
    private final ObjectProvider<ProbesLifecycle> lifecycle;

    StopProbesFirst(ObjectProvider<ProbesLifecycle> lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void onApplicationEvent(GrpcServerShutdownEvent event) {
      lifecycle.ifAvailable(ProbesLifecycle::stopProbes);
    }
  }
}
