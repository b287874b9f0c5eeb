/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.boot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests to the example on 127.0.0.1 over HTTP/1.1, as the README's {@code curl} sends them. */
final class ExampleHttp {

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private final int port;

  ExampleHttp(int port) {
    this.port = port;
  }

  /** Sends {@code method path} without a body, waiting at most {@code timeout} for the answer. */
  HttpResponse<String> send(String method, String path, Duration timeout) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).timeout(timeout).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Sends {@code method path} without a body, waiting at most 5 s for the answer. */
  HttpResponse<String> send(String method, String path) throws Exception {
    return send(method, path, Duration.ofSeconds(5));
  }
}
