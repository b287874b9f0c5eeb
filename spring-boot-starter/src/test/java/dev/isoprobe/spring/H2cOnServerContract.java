/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.H2cClient;
import dev.isoprobe.H2cClient.Answer;
import dev.isoprobe.spring.ControllableHealthIndicator.Mode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code server.http2.enabled=true} without SSL serves the probes over h2c with prior knowledge,
 * as the kubelet's {@code protocol: HTTP2} sends them, next to HTTP/1.1 on the one port: what
 * docs/kubernetes.md tells Spring Boot users. One subclass per servlet container.
 */
abstract class H2cOnServerContract {

  @LocalServerPort
  int port;

  @Autowired
  ControllableHealthIndicator db;

  private H2cClient h2c;

  @BeforeEach
  void connect() throws Exception {
    h2c = H2cClient.connect(port);
  }

  @AfterEach
  void healAndClose() {
    db.heal();
    h2c.close();
  }

  @Test
  void theProbesAnswerOverH2cAndHttp11OnOnePort() throws Exception {
    assertAnswer(h2c.answer("/readyz"), 200, "ok");
    assertAnswer(h2c.answer("/livez"), 200, "ok");
    assertThat(new Http(port).get("/readyz").statusCode()).as("HTTP/1.1").isEqualTo(200);
  }

  @Test
  void aHungIndicatorIsAnswered503ByTheDeadlineWhileLivenessAnswersOnTheSameConnection()
      throws Exception {
    db.hang(Mode.HANG);

    CompletableFuture<Answer> readiness = h2c.get("/readyz");
    Answer alive = h2c.answer("/livez");

    assertAnswer(alive, 200, "ok");
    Answer timedOut = readiness.get(10, TimeUnit.SECONDS);
    assertThat(timedOut.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(timedOut.status()).isEqualTo(503);
    assertThat(timedOut.body()).containsPattern("\\[-]db failed: timeout after \\d+ms\n")
        .endsWith("readyz check failed");
    assertThat(timedOut.took())
        .isLessThan(Duration.ofMillis(ProbesOnServerContract.DEADLINE_MILLIS).plusSeconds(5));
    db.heal();
    await().atMost(Duration.ofSeconds(5)).until(() -> h2c.answer("/readyz").status() == 200);
  }

  private static void assertAnswer(Answer answer, int status, String body) {
    assertThat(answer.version()).as("protocol").isEqualTo(HttpVersion.HTTP_2);
    assertThat(answer.status()).as("status").isEqualTo(status);
    assertThat(answer.body()).as("body").isEqualTo(body);
  }
}
