/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.isoprobe.PostgresServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The service as users run it, against a real PostgreSQL and a real Redis that the tests freeze
 * with SIGSTOP, with no isoprobe configuration: the starter's 800 ms deadline applies. Run on
 * Tomcat and on Jetty by the subclasses.
 */
abstract class RealDependenciesContract extends ServiceTest {

  /** The starter's default {@code isoprobe.timeout}. */
  static final long DEADLINE_MS = 800;

  /**
   * What a probe may take beyond its deadline as the client measures it: the answer is written
   * by then, plus a loopback round trip and the scheduling of the server's and the client's
   * threads on a 2-core machine that other processes keep busy: 115 ms past the deadline with
   * two CPU-bound loops and other builds beside the suite (load 20; 150 ms left 35), 825 ms at
   * load 30, while the server's own measure in the body stayed at the timeout. A probe the
   * deadline did not answer would wait for the frozen dependency until the test resumes it; the
   * exact deadline is asserted on a fake clock in probe-filter.
   */
  static final long CLIENT_SLACK_MS = 1_000;

  /**
   * How a frozen PostgreSQL's probes fail: Boot's {@code db} runs as a {@code JdbcCheck}, whose
   * thread leaves the driver at the deadline, so a timeout every time, never {@code stuck}.
   */
  private static final String DB_FROZEN = "timeout after";
  /**
   * How a frozen Redis's probes fail: Boot's reactive indicator runs as it is, and a Lettuce
   * command still pending at the next probe makes it {@code stuck}.
   */
  private static final String REDIS_FROZEN = "(timeout after|stuck for)";

  private static final Pattern CHECK_LINE = Pattern.compile("^\\[[+-]]([^ ]+) ", Pattern.MULTILINE);

  @Autowired
  WebServerApplicationContext context;

  @Autowired
  DataSource dataSource;

  abstract String expectedWebServer();

  @Test
  void everyContributorActuatorShowsIsAReadinessCheckWithNoConfiguration() throws Exception {
    assertThat(context.getWebServer().getClass().getSimpleName()).contains(expectedWebServer());
    HttpResponse<String> ready = get("/readyz?verbose");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("[+]db ok, up since ", "[+]redis ok, up since ");
    assertThat(get("/readyz/db").body()).isEqualTo("ok");
    assertThat(get("/readyz/redis").body()).isEqualTo("ok");
    assertThat(get("/livez?verbose").body()).doesNotContain("db", "redis");

    Set<String> actuator = actuatorComponents();
    assertThat(actuator).contains("db", "redis");
    // Actuator's liveness and readiness state indicators are isoprobe's own state checks.
    assertThat(checkNames(get("/healthz?verbose").body())).containsAll(actuator);
  }

  /**
   * Stricter than Redis: every probe of the freeze a timeout ({@link #DB_FROZEN}), and the first
   * probe after the resume ready, as no execution is left in the driver to wait for; the
   * application's connection, held through the freeze, works after it, and the pool's active
   * connections return to where they were.
   */
  @Test
  void frozenPostgresIsATimeoutForEveryProbeAndReadyOnTheFirstProbeAfterResume() throws Exception {
    HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
    List<Long> times;
    long readyMs;
    try (Connection business = pool.getConnection()) {
      times = probeWhileFrozen("db", PostgresServer.shared()::freeze,
          PostgresServer.shared()::resume, DB_FROZEN);
      long resumed = System.nanoTime();
      HttpResponse<String> first = get("/readyz?verbose");
      readyMs = (System.nanoTime() - resumed) / 1_000_000;
      assertThat(first.statusCode()).as("the first probe after resume: %s", first.body())
          .isEqualTo(200);
      assertThat(readyMs).isLessThanOrEqualTo(DEADLINE_MS + CLIENT_SLACK_MS);
      assertThat(selectOne(business)).as("the application's connection, held through it")
          .isEqualTo(1);
    }
    awaitRecovery();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
    System.out.printf("db on %s: frozen answers in %s ms; first probe after resume 200 in %d ms%n",
        expectedWebServer(), times, readyMs);
  }

  /** A timeout first, then {@link #REDIS_FROZEN}; ready again within a deadline of the resume. */
  @Test
  void frozenRedisMakesReadiness503ByTheDeadlineAndRecoversOnceResumed() throws Exception {
    List<Long> times = probeWhileFrozen("redis", RedisServer.shared()::freeze,
        RedisServer.shared()::resume, REDIS_FROZEN);
    long recoveredMs = awaitRecovery();
    // One deadline: the blocked execution returns once the server answers, and the next probe
    // runs the check afresh (the starter caches nothing).
    assertThat(recoveredMs).as("readiness 200 again after resume")
        .isLessThanOrEqualTo(DEADLINE_MS + CLIENT_SLACK_MS);
    System.out.printf("redis on %s: frozen answers in %s ms; ready again %d ms after resume%n",
        expectedWebServer(), times, recoveredMs);
  }

  /**
   * Freezes a dependency, probes readiness 8 times, each answered 503 by the deadline with
   * {@code check} failed as {@code answers} says (the first always a timeout) and the other
   * dependency up, and liveness 200; resumes it; returns the probes' times.
   */
  private List<Long> probeWhileFrozen(String check, Runnable freeze, Runnable resume,
      String answers) throws Exception {
    String other = check.equals("db") ? "redis" : "db";
    awaitBothUp();
    freeze.run();
    List<Long> times = new ArrayList<>();
    try {
      for (int probe = 0; probe < 8; probe++) {
        long start = System.nanoTime();
        HttpResponse<String> ready = get("/readyz?verbose");
        times.add((System.nanoTime() - start) / 1_000_000);
        assertThat(ready.statusCode()).as("probe %d", probe).isEqualTo(503);
        assertThat(ready.body()).as("probe %d", probe)
            .containsPattern("\\[-]" + check + " failed: " + answers + " \\d+ms")
            .contains("[+]" + other + " ok");
        if (probe == 0) {
          assertThat(ready.body()).contains("[-]" + check + " failed: timeout after");
        }
        assertThat(get("/livez").statusCode()).isEqualTo(200);
      }
      assertThat(times).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(DEADLINE_MS + CLIENT_SLACK_MS));
    } finally {
      resume.run();
    }
    return times;
  }

  /**
   * Waits until readiness is 200: both dependencies answer before one is frozen. After an
   * earlier test's freeze, a pool's next connection and first query can outlast a check's
   * timeout on a loaded machine (a 503, rightly; the README's 500 ms db timeout did), which is
   * not what these tests are about.
   */
  private void awaitBothUp() {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> get("/readyz").statusCode() == 200);
  }

  /**
   * Waits, after a dependency is resumed, for readiness to be 200 again and for no isoprobe
   * thread to be left inside a driver; returns how long readiness took.
   */
  long awaitRecovery() {
    long resumed = System.nanoTime();
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> get("/readyz").statusCode() == 200);
    long recoveredMs = (System.nanoTime() - resumed) / 1_000_000;
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(threadsInsideDrivers()).as("threads still inside a driver").isEmpty());
    return recoveredMs;
  }

  static int selectOne(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT 1")) {
      result.next();
      return result.getInt(1);
    }
  }

  /**
   * isoprobe's threads whose stack is inside the PostgreSQL driver, Hikari or Lettuce's command
   * path, each with the frame.
   */
  static List<String> threadsInsideDrivers() {
    List<String> blocked = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      if (!thread.getKey().getName().startsWith("isoprobe-")) {
        continue;
      }
      for (StackTraceElement frame : thread.getValue()) {
        String type = frame.getClassName();
        if (type.startsWith("org.postgresql.") || type.startsWith("com.zaxxer.hikari.")
            || type.startsWith("io.lettuce.") || type.startsWith("org.springframework.data.redis.")) {
          blocked.add(thread.getKey().getName() + " at " + frame);
          break;
        }
      }
    }
    return blocked;
  }

  private Set<String> actuatorComponents() throws Exception {
    String body = getAsOps("/actuator/health").body();
    // {"components":{"db":{...},"diskSpace":{...},...},"status":"UP"}: the top-level names.
    Set<String> names = new TreeSet<>();
    int depth = 0;
    int components = body.indexOf("\"components\":{") + "\"components\":{".length();
    Matcher key = Pattern.compile("\"([^\"]+)\":\\{").matcher(body);
    for (int i = components; i < body.length() && depth >= 0; i++) {
      char c = body.charAt(i);
      if (depth == 0 && c == '"' && key.find(i) && key.start() == i) {
        names.add(key.group(1));
        i = key.end() - 1;
        depth = 1;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      }
    }
    names.removeAll(Set.of("livenessState", "readinessState"));
    return names;
  }

  private static Set<String> checkNames(String verboseBody) {
    Set<String> names = new TreeSet<>();
    Matcher line = CHECK_LINE.matcher(verboseBody);
    while (line.find()) {
      names.add(line.group(1));
    }
    return names;
  }
}
