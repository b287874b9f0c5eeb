/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.isoprobe.BlackHoleProxy;
import dev.isoprobe.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as users run it, its real PostgreSQL behind a network that drops every packet
 * without closing anything (a loopback proxy that swallows both directions): unlike a stopped
 * server, no read ends by itself, and none would after the network heals but for TCP's
 * retransmission back-off. Boot's {@code db} runs as a {@code JdbcCheck}, which aborts its
 * connection at the deadline. Every probe of the black hole is answered {@code timeout} by the
 * deadline, none {@code stuck}; no thread of isoprobe's lanes stays in the driver or the pool past
 * the unwind grace (one borrow per check, {@code isoprobe-jdbc-borrow}, may wait in the pool's
 * own validation of an idle connection, where nothing of ours reaches: at most one, not one per
 * probe); the application's own connection, held through it, works after the heal, and
 * readiness is 200 on the first probe after it; the pool is back to its idle connections.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.autoconfigure.exclude="
    + "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration")
@ActiveProfiles("test")
@DirtiesContext
class BlackHoleDbServiceTest {

  /** The starter's default {@code isoprobe.timeout}, and the client's slack past it (see there). */
  private static final long ANSWERED_MS = RealDependenciesContract.DEADLINE_MS
      + RealDependenciesContract.CLIENT_SLACK_MS;
  /** Probes during the black hole: more than HikariCP's idle connections would take. */
  private static final int PROBES = 12;
  /**
   * isoprobe's unwind grace (250 ms), by which a check's thread has left the driver once the
   * deadline aborted its connection, with room for a loaded machine to schedule it.
   */
  private static final Duration GRACE = Duration.ofSeconds(2);
  /** JdbcCheck's thread that borrows from the pool for the check. */
  private static final String BORROW = "isoprobe-jdbc-borrow";
  private static final BlackHoleProxy NETWORK = BlackHoleProxy.to(PostgresServer.shared().port());

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

  @LocalServerPort
  int port;

  @Autowired
  DataSource dataSource;

  @DynamicPropertySource
  static void dependencies(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> PostgresServer.shared().jdbcUrl()
        .replace(":" + PostgresServer.shared().port() + "/", ":" + NETWORK.port() + "/"));
    registry.add("spring.data.redis.port", () -> RedisServer.shared().port());
  }

  @AfterAll
  static void closeNetwork() {
    NETWORK.close();
  }

  @Test
  void everyProbeOfABlackHoledDatabaseIsATimeoutAndTheFirstAfterTheHealIsReady() throws Exception {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> get("/readyz").statusCode() == 200);
    // HikariCP fills the pool to its minimum idle (Boot's default: its maximum, 10) after the
    // first borrow, in the background: the test starts with them all there.
    int idle = pool.getMinimumIdle();
    await().atMost(Duration.ofSeconds(20))
        .until(() -> pool.getHikariPoolMXBean().getIdleConnections() == idle);
    List<Long> times = new ArrayList<>();
    try (Connection business = pool.getConnection()) {
      NETWORK.swallow();
      try {
        for (int i = 1; i <= PROBES; i++) {
          int probe = i;
          long start = System.nanoTime();
          HttpResponse<String> ready = get("/readyz?verbose");
          times.add(millisSince(start));
          assertThat(ready.statusCode()).as("probe %d", probe).isEqualTo(503);
          assertThat(ready.body()).as("probe %d", probe)
              .containsPattern("\\[-]db failed: timeout after \\d+ms").doesNotContain("stuck")
              .contains("[+]redis ok");
          assertThat(get("/livez").statusCode()).isEqualTo(200);
          await().atMost(GRACE).untilAsserted(() ->
              assertThat(RealDependenciesContract.threadsInsideDrivers()).as("probe %d", probe)
                  .allMatch(thread -> thread.startsWith(BORROW + " at "))
                  .hasSizeLessThanOrEqualTo(1));
          // The application's connection, and at most the one the pool validates for the check.
          assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isBetween(1, 2);
        }
      } finally {
        NETWORK.heal();
      }
      long healed = System.nanoTime();
      HttpResponse<String> first = get("/readyz?verbose");
      long readyMs = millisSince(healed);
      assertThat(first.statusCode()).as("the first probe after the heal: %s", first.body())
          .isEqualTo(200);
      assertThat(times).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(ANSWERED_MS));
      assertThat(RealDependenciesContract.selectOne(business)).as("the application's connection, held through it")
          .isEqualTo(1);
      System.out.printf("db behind a black hole: answers in %s ms; ready %d ms after the heal%n",
          times, readyMs);
    }
    await().atMost(GRACE).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        pool.getHikariPoolMXBean().getIdleConnections() == idle);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
