/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The benchmarks' "as it was" target: with {@code example.db-indicator-as-is=true}, a hung
 * database holds the check's thread inside Boot's indicator, so the probe after the deadline's is
 * answered {@code stuck} at once (where the default, {@link ExampleApplicationTest}, answers
 * {@code timeout} every time).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "example.db-indicator-as-is=true"})
class BootDbIndicatorAsIsTest {

  @LocalServerPort
  int port;

  @AfterEach
  void heal() throws Exception {
    send("POST", "/admin/heal");
  }

  @Test
  void aHungDatabaseHoldsTheIndicatorsThreadSoTheNextProbeIsAnsweredStuck() throws Exception {
    assertThat(send("GET", "/readyz?verbose").body()).contains("[+]db ok, up since ");
    send("POST", "/admin/hang");

    assertThat(send("GET", "/readyz?verbose").body()).contains("[-]db failed: timeout after");
    // The unwind grace over, the one execution still inside getConnection() is stuck.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(send("GET", "/readyz?verbose").body()).contains("[-]db failed: stuck for"));

    send("POST", "/admin/heal");
    await().atMost(Duration.ofSeconds(5)).until(() -> send("GET", "/readyz").statusCode() == 200);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    return new ExampleHttp(port).send(method, path);
  }
}
