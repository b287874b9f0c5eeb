/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.service;

import dev.isoprobe.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a random loopback port, on this JVM's own PostgreSQL cluster and Redis server,
 * with a real HTTP/1.1 client.
 */
@ActiveProfiles("test")
abstract class ServiceTest {

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void dependencies(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> PostgresServer.shared().jdbcUrl());
    registry.add("spring.data.redis.port", () -> RedisServer.shared().port());
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** With the credentials Spring Security asks of everything but the probes. */
  HttpResponse<String> getAsOps(String path) throws Exception {
    HttpRequest request = request(path).header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString("ops:ops-secret".getBytes(StandardCharsets.UTF_8))).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
  }
}
