/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.Probes;
import dev.isoprobe.grpc.GrpcHealth;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ClassUtils;

/**
 * On Boot 4.0, which has no gRPC server module (these tests' class path, as surefire leaves
 * Spring gRPC out), the gRPC configuration stays out of the way: no class of it is loaded, no
 * default is set, and the probes are made as before, even with grpc-java and isoprobe-grpc there.
 * Boot 4.1 is tested in examples/spring-boot-grpc.
 */
class GrpcOnBoot40Test {

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(IsoprobeAutoConfiguration.class,
          IsoprobeLifecycleAutoConfiguration.class, IsoprobeGrpcAutoConfiguration.class))
      .withPropertyValues("isoprobe.warm-up=0", "spring.grpc.server.health.enabled=false")
      .withBean("greeter", BindableService.class,
          () -> () -> ServerServiceDefinition.builder("example.Greeter").build());

  @Test
  void theClassPathIsBoot40s() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(ClassUtils.isPresent("org.springframework.grpc.server.GrpcServerFactory", loader))
        .isFalse();
    assertThat(ClassUtils.isPresent(
        "org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration", loader))
        .isFalse();
    assertThat(ClassUtils.isPresent("dev.isoprobe.grpc.GrpcHealth", loader)).isTrue();
  }

  @Test
  void withoutSpringGrpcTheProbesAreMadeAndNoGrpcHealth() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(Probes.class);
      assertThat(context).hasSingleBean(ProbesLifecycle.class);
      assertThat(context).doesNotHaveBean(GrpcHealth.class);
    });
  }

  @Test
  void withoutSpringGrpcBootsGrpcHealthIsLeftAlone() {
    MockEnvironment environment = new MockEnvironment();
    assertThat(GrpcHealthDefaults.applies(environment, WebApplicationType.SERVLET)).isFalse();
    new GrpcHealthDefaults().postProcessEnvironment(environment,
        new org.springframework.boot.SpringApplication());
    assertThat(environment.getPropertySources().contains(GrpcHealthDefaults.SOURCE)).isFalse();
    assertThat(environment.getProperty("spring.grpc.server.health.enabled")).isNull();
  }
}
