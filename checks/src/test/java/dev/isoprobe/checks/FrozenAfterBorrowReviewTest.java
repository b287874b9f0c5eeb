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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The case FrozenDatabaseTest does not reach: the server stops answering after the connection is
 * lent, so the check's thread is in isValid, not waiting for the borrow. Only the abort frees it
 * by the deadline: with isValid's own network timeout (ceil of the time left, here 3 s) the thread
 * would stay ~1 s past the deadline. FrozenDatabaseTest passes with the abort removed (mutation
 * M1); this one does not.
 */
class FrozenAfterBorrowReviewTest {

  private static final Duration DEADLINE = Duration.ofMillis(2_100);

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
  void aServerThatFreezesOnceTheConnectionIsLentIsLeftByTheDeadline() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + network.port() + "/postgres");
    config.setUsername("postgres");
    config.setMaximumPoolSize(1);
    pool = new HikariDataSource(config);
    JdbcReviewDataSource lending = new JdbcReviewDataSource(pool, () -> {
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
    assertThat(probe()).isFalse();
    long answered = System.nanoTime();
    await().atMost(Duration.ofMillis(700)).until(() -> probes.liveThreads().isEmpty());
    System.out.printf("left %d ms after the answer%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered));

    // Claim 3: aborted and given back; the next business borrow, at once, gets a good one.
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
  static final class JdbcReviewDataSource extends JdbcCheckReviewTest.AbstractDataSource {
    private final HikariDataSource pool;
    private final Runnable afterLending;

    JdbcReviewDataSource(HikariDataSource pool, Runnable afterLending) {
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
