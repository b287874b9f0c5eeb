/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.grpc;

import dev.isoprobe.CheckContext;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthCheck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code db} check against a real PostgreSQL over JDBC: {@code SELECT 1} on a connection it
 * keeps, as a pool would, and opens again once it breaks. Every step waits no longer than the
 * execution has left ({@link CheckContext#remaining()}), so a frozen server costs the check's
 * thread about its timeout, not the rest of the process's life. Thread-safe: isoprobe runs one
 * execution at a time, and {@link #close()} may come from any thread.
 */
final class PostgresCheck implements HealthCheck, AutoCloseable {

  /** The settings, each an environment variable or (first) the system property beside it. */
  static final String URL = "EXAMPLE_DB_URL";
  static final String USER = "EXAMPLE_DB_USER";
  static final String PASSWORD = "EXAMPLE_DB_PASSWORD";

  private final String url;
  private final Properties credentials = new Properties();
  private final AtomicReference<Connection> connection = new AtomicReference<>();
  private final AtomicLong executions = new AtomicLong();
  private volatile boolean closed;

  /**
   * A check of the database at {@code url}; {@code user} and {@code password} may be null (the
   * URL's, or the driver's defaults, then).
   *
   * @throws IllegalArgumentException if url is not a {@code jdbc:postgresql:} URL
   */
  PostgresCheck(String url, String user, String password) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      // Never the value itself: a URL may carry a password.
      throw new IllegalArgumentException(URL + ": expected jdbc:postgresql://host:port/database");
    }
    this.url = url;
    if (user != null) {
      credentials.setProperty("user", user);
    }
    if (password != null) {
      credentials.setProperty("password", password);
    }
  }

  /**
   * The check {@code EXAMPLE_DB_URL} (or {@code -Dexample.db.url}) points at, with
   * {@code EXAMPLE_DB_USER} and {@code EXAMPLE_DB_PASSWORD}; empty when no URL is set.
   *
   * @throws IllegalArgumentException if the URL is set but not a {@code jdbc:postgresql:} URL
   */
  static Optional<PostgresCheck> configured(Map<String, String> env, Properties properties) {
    return setting(URL, env, properties)
        .map(url -> new PostgresCheck(url, setting(USER, env, properties).orElse(null),
            setting(PASSWORD, env, properties).orElse(null)));
  }

  /** {@code EXAMPLE_DB_URL} is also {@code example.db.url}: a system property wins. */
  private static Optional<String> setting(String name, Map<String, String> env, Properties properties) {
    String property = properties.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
    String value = property != null ? property : env.get(name);
    return Optional.ofNullable(value).filter(text -> !text.isBlank()).map(String::trim);
  }

  @Override
  public CheckResult check(CheckContext context) throws SQLException {
    executions.incrementAndGet();
    Connection open = connection(context.remaining());
    try {
      // A frozen server never answers and a blocking socket read ignores isoprobe's interrupt:
      // the read timeout is what ends the wait. (A query timeout would not: the driver cancels
      // through a new connection, which a frozen server does not answer either.)
      open.setNetworkTimeout(Runnable::run, millis(context.remaining()));
      try (Statement statement = open.createStatement()) {
        statement.execute("SELECT 1");
      }
      return CheckResult.up();
    } catch (SQLException failed) {
      connection.compareAndSet(open, null); // the next execution connects again
      discard(open);
      throw failed;
    }
  }

  /** How many times the check has run. */
  long executions() {
    return executions.get();
  }

  /** Closes the connection; a check running on it fails at once. */
  @Override
  public void close() {
    closed = true;
    Connection open = connection.getAndSet(null);
    if (open != null) {
      discard(open);
    }
  }

  private Connection connection(Duration left) throws SQLException {
    Connection open = connection.get();
    if (open != null && !open.isClosed()) {
      return open;
    }
    Properties properties = new Properties();
    properties.putAll(credentials);
    // The driver waits for the login no longer than what is left (it takes fractions of a
    // second, truncated to whole wall-clock milliseconds: 2 ms more, so that isoprobe's deadline
    // comes first and its interrupt ends the wait); the connecting thread it leaves behind then
    // reads for at most the whole seconds above it.
    properties.setProperty("loginTimeout", Double.toString((millis(left) + 2) / 1000.0));
    properties.setProperty("connectTimeout", Long.toString(wholeSeconds(left)));
    properties.setProperty("socketTimeout", Long.toString(wholeSeconds(left)));
    Connection fresh = DriverManager.getConnection(url, properties);
    if (closed || !connection.compareAndSet(open, fresh)) {
      discard(fresh);
      throw new SQLException("the db check is closed");
    }
    return fresh;
  }

  /**
   * Rounded up, so that no wait ends before the execution's deadline; and at least 1 ms, even
   * once the time is up, since zero means no timeout to JDBC.
   */
  private static int millis(Duration left) {
    long nanos = Math.max(0, left.toNanos());
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (nanos + 999_999) / 1_000_000));
  }

  private static long wholeSeconds(Duration left) {
    return Math.max(1, (millis(left) + 999) / 1000);
  }

  private static void discard(Connection open) {
    try {
      open.close();
    } catch (SQLException alreadyBroken) {
      // Nothing left to release: the driver has given up the socket already.
    }
  }
}
