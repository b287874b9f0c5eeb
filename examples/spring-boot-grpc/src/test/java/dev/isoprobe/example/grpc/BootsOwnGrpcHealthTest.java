/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.grpc.GrpcHealth;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@code isoprobe.grpc.enabled=false} leaves gRPC health to Boot 4.1, the one health service
 * then being Boot's own, while the starter still serves the HTTP probes: the starter's core
 * auto-configuration on Boot 4.1 and Tomcat.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "spring.grpc.server.address=127.0.0.1",
    "spring.grpc.server.port=0",
    "isoprobe.grpc.enabled=false"})
class BootsOwnGrpcHealthTest {

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
  @LocalServerPort
  private int httpPort;

  @Test
  void bootsHealthServiceIsTheOneAndIsoprobesIsNotThere() throws Exception {
    assertThat(started.services()).filteredOn(GrpcClient.HEALTH::equals).hasSize(1);
    assertThat(context.getBeansOfType(GrpcHealth.class)).isEmpty();
    assertThat(context.getBeansOfType(HealthStatusManager.class)).hasSize(1);
    try (GrpcClient grpc = new GrpcClient(started.port())) {
      // Boot's HealthStatusManager serves "" from the start.
      assertThat(grpc.check("", 10_000).get()).isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  void theStartersHttpProbesWorkOnBoot41() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {"/livez", "/readyz", "/startupz"}) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
              .timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(200);
    }
  }
}
