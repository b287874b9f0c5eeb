/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import static dev.isoprobe.checks.Loopback.ADDRESS;
import static dev.isoprobe.checks.Loopback.DEADLINE;
import static dev.isoprobe.checks.Loopback.GRACE;
import static dev.isoprobe.checks.Loopback.probe;
import static dev.isoprobe.checks.Loopback.probes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.CheckResult;
import dev.isoprobe.LocalProcesses;
import dev.isoprobe.Probes;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TcpCheckTest {

  @Test
  void upAgainstAPortThatAccepts() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, ADDRESS)) {
      Probes probes = probes(TcpCheck.builder("127.0.0.1", server.getLocalPort()).build(),
          DEADLINE);
      try {
        assertThat(probe(probes)).isTrue();
      } finally {
        probes.shutdown(Duration.ofSeconds(2));
      }
    }
  }

  @Test
  void failsAgainstAClosedPort() throws Exception {
    Probes probes = probes(TcpCheck.builder("127.0.0.1", LocalProcesses.freePort()).build(),
        DEADLINE);
    try {
      assertThat(probe(probes)).isFalse();
      await().atMost(GRACE).until(() -> probes.liveThreads().isEmpty());
    } finally {
      probes.shutdown(Duration.ofSeconds(2));
    }
  }

  @Test
  void answeredByTheDeadlineAndItsThreadFreedWhenThePortNeverAccepts() throws Exception {
    try (Loopback.Unaccepting port = new Loopback.Unaccepting()) {
      Probes probes = probes(TcpCheck.builder("127.0.0.1", port.address.getPort()).build(),
          DEADLINE);
      try {
        long start = System.nanoTime();
        assertThat(probe(probes)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .isLessThan(DEADLINE.multipliedBy(4));
        await().atMost(GRACE).until(() -> probes.liveThreads().isEmpty());
      } finally {
        probes.shutdown(Duration.ofSeconds(2));
      }
    }
  }

  /**
   * Where the socket's close matters most: a shutdown long before the connect's own timeout
   * (the deadline, here 30 s). Interrupted only, the connect would hold the thread to its end.
   */
  @Test
  void shutdownFreesAThreadConnectingToAPortThatNeverAccepts() throws Exception {
    try (Loopback.Unaccepting port = new Loopback.Unaccepting()) {
      Probes probes = probes(TcpCheck.builder("127.0.0.1", port.address.getPort()).build(),
          Duration.ofSeconds(30));
      CompletableFuture<Boolean> answer = probes.probe("x").orElseThrow();
      await().atMost(Duration.ofSeconds(5)).until(() -> !probes.liveThreads().isEmpty());

      long start = System.nanoTime();
      assertThat(probes.shutdown(Duration.ofSeconds(5))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(GRACE.multipliedBy(2));
      assertThat(answer).isCompletedWithValue(false);
      assertThat(probes.liveThreads()).isEmpty();
    }
  }

  /**
   * The reference the two tests above are measured against: the same connect to the same port,
   * without a timeout and without closing the socket on cancellation, keeps its thread past the
   * deadline's interrupt and through a shutdown, until the test closes the socket itself.
   */
  @Test
  void aConnectLeftOpenHoldsItsThreadPastTheDeadlineAndAShutdown() throws Exception {
    try (Loopback.Unaccepting port = new Loopback.Unaccepting()) {
      AtomicReference<Socket> connecting = new AtomicReference<>();
      Probes probes = probes(context -> {
        try (Socket socket = new Socket()) {
          connecting.set(socket);
          socket.connect(port.address);
          return CheckResult.up();
        }
      }, DEADLINE);
      try {
        assertThat(probe(probes)).isFalse();
        await().during(GRACE.multipliedBy(2)).atMost(GRACE.multipliedBy(3))
            .until(() -> !probes.liveThreads().isEmpty());
        assertThat(probes.shutdown(GRACE)).isFalse();
        assertThat(probes.liveThreads()).hasSize(1);
      } finally {
        if (connecting.get() != null) {
          connecting.get().close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> probes.liveThreads().isEmpty());
      }
    }
  }

  @Test
  void detailsAreTheHostAndPortAsGiven() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, ADDRESS)) {
      CheckResult result = TcpCheck.builder("localhost", server.getLocalPort()).build()
          .check(new TestContext(Duration.ofSeconds(5)));

      assertThat(result.healthy()).isTrue();
      assertThat(result.details())
          .isEqualTo(Map.of("host", "localhost", "port", server.getLocalPort()));
    }
  }

  @Test
  void theBuilderRefusesAMissingHostOrAPortOutOfRange() {
    assertThatThrownBy(() -> TcpCheck.builder(null, 80))
        .isInstanceOf(NullPointerException.class).hasMessage("host");
    assertThatThrownBy(() -> TcpCheck.builder(" ", 80))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("host must not be blank");
    assertThatThrownBy(() -> TcpCheck.builder("db", 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("port: 0 (expected: 1 to 65535)");
    assertThatThrownBy(() -> TcpCheck.builder("db", 65_536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port: 65536 (expected: 1 to 65535)");
  }
}
