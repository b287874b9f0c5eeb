/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.grpc.GrpcHealth;
import io.grpc.protobuf.services.HealthStatusManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Boot's own switch set to {@code true} keeps Boot's gRPC health, and isoprobe's backs off: the
 * starter's default for it yields to the application's value, and there is still one service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "spring.grpc.server.address=127.0.0.1",
    "spring.grpc.server.port=0",
    "spring.grpc.server.health.enabled=true"})
class BootsOwnSwitchTest {

  @TestConfiguration
  static class Capture {
    @Bean
    GrpcClient.ServerStarted serverStarted() {
      return new GrpcClient.ServerStarted();
    }
  }

  @Autowired
  private GrpcClient.ServerStarted started;
  @Autowired
  private ApplicationContext context;

  @Test
  void bootsHealthServiceIsTheOne() {
    assertThat(started.services()).filteredOn(GrpcClient.HEALTH::equals).hasSize(1);
    assertThat(context.getBeansOfType(GrpcHealth.class)).isEmpty();
    assertThat(context.getBeansOfType(HealthStatusManager.class)).hasSize(1);
  }
}
