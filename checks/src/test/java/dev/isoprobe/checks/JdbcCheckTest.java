/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.isoprobe.CheckResult;
import dev.isoprobe.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link JdbcCheck} against a live PostgreSQL through a HikariCP pool of one connection. */
class JdbcCheckTest {

  private final HikariDataSource pool = poolOfOne();
  private final TestContext context = new TestContext();

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void aValidConnectionIsUpWithTheDetailsActuatorShows() throws Exception {
    CheckResult result = JdbcCheck.builder(pool).build().check(context);

    assertThat(result.healthy()).isTrue();
    assertThat(result.details()).containsOnly(
        entry("database", "PostgreSQL"), entry("validationQuery", "isValid()"));
  }

  @Test
  void aValidationQueryShowsItsFirstColumn() throws Exception {
    CheckResult result = JdbcCheck.builder(pool).validationQuery("SELECT 1").build()
        .check(context);

    assertThat(result.healthy()).isTrue();
    assertThat(result.details()).containsOnly(entry("database", "PostgreSQL"),
        entry("validationQuery", "SELECT 1"), entry("result", 1));
  }

  @Test
  void aQueryThatReturnsNoRowIsDownAndOneThatFailsIsAnErrorWithNoMessageOfOurs() {
    JdbcCheck empty = JdbcCheck.builder(pool).validationQuery("SELECT 1 WHERE false").build();
    JdbcCheck failing = JdbcCheck.builder(pool).validationQuery("SELECT nope").build();

    assertThat(catching(() -> empty.check(context).healthy())).isEqualTo(false);
    assertThatThrownBy(() -> failing.check(context)).isInstanceOf(SQLException.class);
    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("given back").isZero();
  }

  /**
   * isoprobe runs a cancel callback only while the check has not returned, but one started just
   * before may still be running as it returns: it must not abort the connection the pool has
   * lent to someone else since.
   */
  @Test
  void aCancellationAfterTheCheckReturnedLeavesTheConnectionAlone() throws Exception {
    assertThat(JdbcCheck.builder(pool).build().check(context).healthy()).isTrue();

    context.cancel();

    try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
      assertThat(statement.executeQuery("SELECT 1").next()).isTrue();
    }
  }

  @Test
  void aCancelledExecutionAbortsItsConnectionAndThePoolReplacesIt() throws Exception {
    JdbcCheck check = JdbcCheck.builder(pool).validationQuery("SELECT 1").build();
    context.cancel(); // before the check registers its abort: which then runs at once

    assertThatThrownBy(() -> check.check(context)).isInstanceOf(SQLException.class);

    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    try (Connection next = pool.getConnection(); Statement statement = next.createStatement()) {
      assertThat(statement.executeQuery("SELECT 1").next()).as("a new connection").isTrue();
    }
  }

  @Test
  void aBlankValidationQueryIsRefusedByName() {
    assertThatThrownBy(() -> JdbcCheck.builder(pool).validationQuery(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationQuery");
    assertThatThrownBy(() -> JdbcCheck.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("dataSource");
  }

  private static HikariDataSource poolOfOne() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(PostgresServer.shared().jdbcUrl());
    config.setUsername("postgres");
    config.setMaximumPoolSize(1);
    return new HikariDataSource(config);
  }

  private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
    return java.util.Map.entry(key, value);
  }

  private static Object catching(java.util.concurrent.Callable<Object> call) {
    try {
      return call.call();
    } catch (Exception e) {
      return e;
    }
  }
}
