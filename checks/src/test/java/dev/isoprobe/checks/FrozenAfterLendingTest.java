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
import dev.isoprobe.HealthListener;
import dev.isoprobe.PostgresServer;
import dev.isoprobe.Probes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The case FrozenDatabaseTest does not reach: the server stops answering once the connection is
 * lent, so the check's thread is in the driver's validation, not waiting for the borrow. There the
 * abort is what frees it when the execution is cancelled before the network timeout: here by a
 * shutdown while the deadline (30 s) is far off. Without the abort the thread would stay for the
 * network timeout, and the shutdown would end with it still there.
 */
class FrozenAfterLendingTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final BlackHoleProxy network = BlackHoleProxy.to(PostgresServer.shared().port());
  private HikariDataSource pool;
  private Probes probes;
  private final AtomicInteger stuck = new AtomicInteger();
  private volatile boolean freezeOnLend;

  @AfterEach
  void stop() throws InterruptedException {
    network.heal();
    if (probes != null) {
      probes.shutdown(Duration.ofSeconds(2));
    }
    if (pool != null) {
      pool.close();
    }
    network.close();
  }

  @Test
  void aShutdownFreesAThreadWhoseServerFrozeAfterLendingItsConnection() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + network.port() + "/postgres");
    config.setUsername("postgres");
    config.setMaximumPoolSize(2);
    pool = new HikariDataSource(config);
    FreezingOnLend lending = new FreezingOnLend(pool, () -> {
      if (freezeOnLend) {
        network.swallow();
      }
    });
    probes = Probes.builder().deadline(DEADLINE).warmUp(Duration.ZERO).deadlockCheck(false)
        .check(Check.builder("db", JdbcCheck.builder(lending).build()).build()).build();
    probes.addListener(new HealthListener() {
      @Override
      public void stuck(String check, Duration ranFor) {
        stuck.incrementAndGet();
      }
    });
    assertThat(probe()).isTrue();

    freezeOnLend = true;
    CompletableFuture<Boolean> inFlight = probes.probe("db").orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> !probes.liveThreads().isEmpty());
    long stopping = System.nanoTime();
    assertThat(probes.shutdown(Duration.ofSeconds(5))).as("every check thread out").isTrue();
    System.out.printf("shutdown with a check in a frozen read: %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
    assertThat(inFlight).isCompletedWithValue(false);
    assertThat(probes.liveThreads()).isEmpty();

    // Aborted and given back: the next borrow, at once, gets a good connection.
    freezeOnLend = false;
    network.heal();
    try (Connection next = pool.getConnection(); Statement statement = next.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      assertThat(rows.next()).isTrue();
    }
    assertThat(stuck).hasValue(0);
  }

  private boolean probe() throws Exception {
    return probes.probe("db").orElseThrow().get(10, TimeUnit.SECONDS);
  }

  /** Lends from the pool, then runs afterLending (which here freezes the network). */
  static final class FreezingOnLend extends JdbcCheckLenderTest.AbstractDataSource {
    private final HikariDataSource pool;
    private final Runnable afterLending;

    FreezingOnLend(HikariDataSource pool, Runnable afterLending) {
      this.pool = pool;
      this.afterLending = afterLending;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection connection = pool.getConnection();
      afterLending.run();
      return connection;
    }
  }
}
