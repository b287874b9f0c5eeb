/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** A real HTTP/1.1 client for a server on 127.0.0.1, with the test application's credentials. */
final class Http {

  static final String CREDENTIALS = "Basic " + Base64.getEncoder()
      .encodeToString("probe-test:secret".getBytes(StandardCharsets.UTF_8));

  /** A response and how long it took from sending to having the whole body. */
  record Timed(HttpResponse<String> response, long millis) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }
  }

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2))
      .build();
  private final int port;

  Http(int port) {
    this.port = port;
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
        .timeout(Duration.ofSeconds(15));
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send(request(pathAndQuery).build());
  }

  HttpResponse<String> getWithCredentials(String pathAndQuery) throws Exception {
    return send(request(pathAndQuery).header("Authorization", CREDENTIALS).build());
  }

  HttpResponse<String> send(HttpRequest request) throws Exception {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  CompletableFuture<Timed> timed(HttpRequest request) {
    long start = System.nanoTime();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> new Timed(response, (System.nanoTime() - start) / 1_000_000));
  }
}
