/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code example.check-delay}: a slow but working database, once per {@code db} check. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
    // No warm-up: the probe's own run is what takes the delay.
    properties = {"server.address=127.0.0.1", "example.check-delay=300ms", "isoprobe.warm-up=0"})
class SlowDatabaseTest {

  @LocalServerPort
  int port;

  @Test
  void theDbCheckTakesTheDelayOnceAndIsUp() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/readyz/db")).timeout(Duration.ofSeconds(5)).build();

    long start = System.nanoTime();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    // Once, not once per connection Boot's check takes (two): under 600 ms, within the deadline.
    assertThat(millis).isBetween(300L, 600L - 1);
  }
}
