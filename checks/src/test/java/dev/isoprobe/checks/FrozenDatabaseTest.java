/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.isoprobe.BlackHoleProxy;
import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthCheck;
import dev.isoprobe.HealthListener;
import dev.isoprobe.PostgresServer;
import dev.isoprobe.Probes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real PostgreSQL, frozen two ways while a HikariCP pool over it serves the application and
 * isoprobe's readiness: every process stopped by SIGSTOP (connections open, nothing answers), and
 * a black hole between the pool and the server (nothing forwarded, nothing closed). What the user
 * would see: each probe answered {@code false} by the deadline, reported {@code timeout} and never
 * {@code stuck}, no thread left in the driver, the pool's connections back, the application's own
 * connection still good after the thaw, and readiness back on the first probe after it.
 */
class FrozenDatabaseTest {

  private static final Duration DEADLINE = Duration.ofMillis(500);
  /**
   * How soon after a probe's answer the check's thread must have left the driver: the abort
   * closes the socket at the deadline, so it leaves at once; this allows for a loaded machine.
   */
  private static final Duration GRACE = Duration.ofSeconds(2);
  /** Probes during each freeze: more than HikariCP's idle connections would be needed. */
  private static final int PROBES_WHILE_FROZEN = 4;

  private static PostgresServer postgres;
  private static BlackHoleProxy network;

  private HikariDataSource pool;
  private Probes probes;
  private final AtomicInteger timedOut = new AtomicInteger();
  private final AtomicInteger stuck = new AtomicInteger();

  /** How the server stops answering. */
  enum Freeze {
    SIGSTOP {
      @Override
      void start() {
        postgres.freeze();
      }

      @Override
      void end() {
        postgres.resume();
      }
    },
    BLACK_HOLE {
      @Override
      void start() {
        network.swallow();
      }

      @Override
      void end() {
        network.heal();
      }
    };

    abstract void start();

    abstract void end();
  }

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresServer.start();
    network = BlackHoleProxy.to(postgres.port());
  }

  @AfterAll
  static void stopPostgres() {
    network.close();
    postgres.close();
  }

  @AfterEach
  void stop() throws InterruptedException {
    Freeze.SIGSTOP.end();
    Freeze.BLACK_HOLE.end();
    if (probes != null) {
      probes.shutdown(Duration.ofSeconds(2));
    }
    if (pool != null) {
      pool.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Freeze.class)
  void everyProbeOfAFrozenDatabaseIsAnsweredByTheDeadlineAndLeavesNoThreadInTheDriver(
      Freeze freeze) throws Exception {
    startProbes(JdbcCheck.builder(poolThrough(freeze)).build());
    assertThat(probe()).as("before the freeze").isTrue();
    try (Connection business = pool.getConnection()) {
      freeze.start();
      for (int i = 1; i <= PROBES_WHILE_FROZEN; i++) {
        long start = System.nanoTime();
        assertThat(probe()).as("probe %d of the freeze", i).isFalse();
        System.out.printf("%s: probe %d answered after %d ms%n", freeze, i, millisSince(start));
        await().atMost(GRACE).until(() -> probes.liveThreads().isEmpty());
        System.out.printf("%s: probe %d's thread left the driver %d ms after it began%n", freeze,
            i, millisSince(start));
        // The application's, and at most the one the pool is validating for the check.
        assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isBetween(1, 2);
      }
      await().atMost(GRACE).untilAsserted(() -> assertThat(timedOut)
          .as("probes answered timeout").hasValue(PROBES_WHILE_FROZEN));
      assertThat(stuck).as("probes answered stuck").hasValue(0);

      freeze.end();
      long thawed = System.nanoTime();
      assertThat(probe()).as("the first probe after the thaw").isTrue();
      System.out.printf("%s: ready %d ms after the thaw%n", freeze, millisSince(thawed));
      assertThat(selectOne(business)).as("the application's connection, held through it")
          .isEqualTo(1);
    }
    await().atMost(GRACE).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        pool.getHikariPoolMXBean().getIdleConnections() == 10);
  }

  /**
   * What the check above replaces, as Spring Boot's {@code db} indicator validates: with no
   * timeout and nothing to abort the connection, the first probe's thread stays in the driver
   * for the whole freeze, and a probe after it is answered {@code stuck}.
   */
  @ParameterizedTest
  @EnumSource(Freeze.class)
  void aCheckThatOnlyWaitsIsStuckInTheDriverForTheWholeFreeze(Freeze freeze) throws Exception {
    HikariDataSource dataSource = poolThrough(freeze);
    startProbes(context -> {
      try (Connection connection = dataSource.getConnection()) {
        return connection.isValid(0) ? CheckResult.up() : CheckResult.down();
      }
    });
    assertThat(probe()).isTrue();
    freeze.start();
    assertThat(probe()).isFalse();
    await().during(GRACE).atMost(GRACE.multipliedBy(2)).untilAsserted(() ->
        assertThat(probes.liveThreads()).as("in the driver, past the grace").hasSize(1));
    assertThat(probe()).isFalse();
    await().atMost(GRACE).untilAsserted(() -> assertThat(stuck)
        .as("a probe while the first is still in the driver").hasPositiveValue());
    freeze.end();
    await().atMost(Duration.ofSeconds(10)).until(() -> probes.liveThreads().isEmpty());
  }

  private HikariDataSource poolThrough(Freeze freeze) {
    HikariConfig config = new HikariConfig();
    int port = freeze == Freeze.BLACK_HOLE ? network.port() : postgres.port();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    config.setUsername("postgres");
    config.setPoolName("frozen-" + freeze);
    config.setConnectionTimeout(3_000); // the application's own bound on a borrow
    pool = new HikariDataSource(config);
    // HikariCP's defaults: ten connections, all kept idle; the test starts with them there.
    await().atMost(Duration.ofSeconds(20))
        .until(() -> pool.getHikariPoolMXBean().getIdleConnections() == 10);
    return pool;
  }

  private void startProbes(HealthCheck check) {
    probes = Probes.builder().deadline(DEADLINE).warmUp(Duration.ZERO).deadlockCheck(false)
        .check(Check.builder("db", check).build()).build();
    probes.addListener(new HealthListener() {
      @Override
      public void timedOut(String check, Duration ranFor) {
        timedOut.incrementAndGet();
      }

      @Override
      public void stuck(String check, Duration ranFor) {
        stuck.incrementAndGet();
      }
    });
  }

  private boolean probe() throws Exception {
    return probes.probe("db").orElseThrow().get(10, TimeUnit.SECONDS);
  }

  private static int selectOne(Connection connection) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
