/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The example app on loopback: its health is {@code SERVING}, a hung database turns the server
 * {@code NOT_SERVING} by the 800 ms deadline while liveness answers at once, it heals, and it
 * stops with nothing left running.
 */
class GrpcAppTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private GrpcApp app;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (app != null) {
      app.close();
    }
  }

  private ServingStatus status(String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private String admin(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.adminPort() + path))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void aHungDatabaseIsNotServingByTheDeadlineWhileLivenessServesAndItHeals() throws Exception {
    app = new GrpcApp("127.0.0.1", 0, 0, Duration.ZERO, new GrpcApp.HangableDb());
    channel = NettyChannelBuilder.forAddress("127.0.0.1", app.grpcPort()).usePlaintext().build();
    assertThat(status("")).isEqualTo(ServingStatus.SERVING);

    assertThat(admin("/admin/hang")).isEqualTo("db hangs\n");
    long start = System.nanoTime();
    assertThat(status("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(400L, 800L + 300);
    assertThat(status("liveness")).isEqualTo(ServingStatus.SERVING);

    assertThat(admin("/admin/heal")).isEqualTo("db answers\n");
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> status("") == ServingStatus.SERVING);
  }
}
