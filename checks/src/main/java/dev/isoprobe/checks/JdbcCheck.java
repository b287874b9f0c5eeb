/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import dev.isoprobe.CheckContext;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthCheck;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * A check of a database through a {@link DataSource}, usually the application's own pool: it
 * borrows a connection, validates it within the time the probe has left, and gives it back.
 *
 * <p>Up when the connection is valid ({@link Connection#isValid(int)}) or, with a
 * {@linkplain Builder#validationQuery validation query}, when the query returns a row; down when
 * it is not valid; an {@link SQLException} is reported {@code error}, with no message. Details,
 * as Spring Boot Actuator's {@code db} shows them: {@code database} (the product name the driver
 * reports), {@code validationQuery} ({@code isValid()} or the query) and, for a query,
 * {@code result} (its first column), never a URL, a user or a message.
 *
 * <p>Bounded by the probe's deadline in the driver, not only in isoprobe: validation is given
 * the time left ({@code isValid}'s seconds, the query's timeout and the connection's network
 * timeout), and when the execution is cancelled (its deadline, a shutdown) the connection is
 * {@linkplain Connection#abort aborted}, which closes its socket whatever the server does. That
 * frees the check's thread from a read a frozen or unreachable server would hold for good,
 * where an interrupt cannot, and {@code Statement.cancel()}, which needs a new connection to the
 * same server, cannot either. An aborted connection is given back broken: a pool that evicts
 * connections on a connection error (HikariCP, on SQLState {@code 08...}) drops it at once, one
 * that validates on borrow sees it closed; either way the pool replaces it, and none is leaked.
 *
 * <p>The connection is borrowed off isoprobe's thread, which waits for it no longer than the
 * time left: a pool validates a connection it has not lent for a while before lending it
 * (HikariCP: {@code isValid} within its {@code validationTimeout}, 5 s by default), and against a
 * frozen server that validation holds its thread in the driver, where neither an interrupt nor
 * an abort of ours reaches. One borrow at a time: a probe that comes while the last one's borrow
 * is still under way waits for that one, and a connection that comes when no probe waits any
 * longer goes straight back to the pool. Thread-safe: one instance serves every execution.
 */
public final class JdbcCheck implements HealthCheck {

  /** What {@code validationQuery} shows when the driver's own validation is used. */
  static final String IS_VALID = "isValid()";
  /** Abort and the network timeout act at once: a socket is closed, a timeout set. */
  private static final Executor ON_CALLING_THREAD = Runnable::run;

  private final Lender lender;
  private final String validationQuery;

  private JdbcCheck(Builder builder) {
    this.lender = new Lender(builder.dataSource);
    this.validationQuery = builder.validationQuery;
  }

  /**
   * Returns a builder of a check of {@code dataSource}.
   *
   * @throws NullPointerException if dataSource is null
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
  }

  @Override
  public CheckResult check(CheckContext context) throws SQLException, InterruptedException {
    try (Connection connection = lender.borrow(context.remaining())) {
      Borrowed borrowed = new Borrowed(connection);
      context.token().onCancel(borrowed::abort);
      boolean valid = false;
      try {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", connection.getMetaData().getDatabaseProductName());
        valid = validationQuery == null ? isValid(connection, context.remaining(), details)
            : query(connection, context.remaining(), details);
        return valid ? CheckResult.up(details) : CheckResult.down(details);
      } finally {
        if (borrowed.giveBack() || !valid) {
          revealIfBroken(connection);
        }
      }
    }
  }

  private static boolean isValid(Connection connection, Duration remaining,
      Map<String, Object> details) throws SQLException {
    details.put("validationQuery", IS_VALID);
    return connection.isValid(seconds(remaining));
  }

  private boolean query(Connection connection, Duration remaining, Map<String, Object> details)
      throws SQLException {
    details.put("validationQuery", validationQuery);
    boolean bounded = boundNetwork(connection, remaining);
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(seconds(remaining));
      try (ResultSet rows = statement.executeQuery(validationQuery)) {
        if (!rows.next()) {
          return false;
        }
        details.put("result", rows.getObject(1));
        return true;
      }
    } finally {
      if (bounded) {
        restoreNetwork(connection);
      }
    }
  }

  /**
   * Bounds every read of the connection's socket by the time left, as {@code isValid} does for
   * itself: the driver then gives up by itself if no cancellation reaches it. Returns whether it
   * did; a driver without network timeouts is bounded by the abort alone.
   */
  private static boolean boundNetwork(Connection connection, Duration remaining)
      throws SQLException {
    try {
      connection.setNetworkTimeout(ON_CALLING_THREAD, (int) Math.max(1,
          Math.min(Integer.MAX_VALUE, remaining.toMillis())));
      return true;
    } catch (SQLFeatureNotSupportedException unsupported) {
      return false;
    }
  }

  /** Back to no network timeout, for the next borrower (a pool may also restore its own). */
  private static void restoreNetwork(Connection connection) {
    try {
      connection.setNetworkTimeout(ON_CALLING_THREAD, 0);
    } catch (SQLException closed) {
      // Aborted or broken: the pool replaces it.
    }
  }

  /** JDBC's seconds, rounded up: never 0, which would mean no limit at all. */
  private static int seconds(Duration remaining) {
    long millis = Math.max(1, remaining.toMillis());
    return (int) Math.min(Integer.MAX_VALUE, TimeUnit.MILLISECONDS.toSeconds(millis + 999));
  }

  /**
   * Calls the connection once more, so that a pool that evicts a connection whose call fails
   * with a connection error sees that it is closed: {@code isValid} reports a broken connection
   * as false, not as such an error, and a pool that skips validating a connection it lent
   * moments ago (HikariCP, within half a second) would lend it again.
   */
  private static void revealIfBroken(Connection connection) {
    try {
      connection.getAutoCommit();
    } catch (SQLException broken) {
      // Seen by the pool too: it drops the connection.
    }
  }

  /**
   * Borrows from the data source on a thread of its own, one borrow at a time, and hands the
   * connection to the execution waiting for it, or back to the pool when none is. Guarded by
   * itself.
   */
  private static final class Lender {
    private final DataSource dataSource;
    /** The borrow under way, or done and not yet claimed; null when none. */
    private CompletableFuture<Connection> pending;
    private boolean waiting;

    Lender(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * How long past the time left a wait lasts: isoprobe's interrupt at the deadline ends it
     * first, so the probe is reported {@code timeout}, as for any check that overruns, not
     * {@code error}; this bounds it should no interrupt come.
     */
    private static final Duration CANCELLATION_SLACK = Duration.ofSeconds(1);

    /**
     * Returns a connection, or throws: {@link InterruptedException} when isoprobe interrupts the
     * wait at the deadline, {@link SQLTimeoutException} shortly after it should none come, the
     * pool's own exception when it cannot lend one.
     */
    Connection borrow(Duration remaining) throws SQLException, InterruptedException {
      CompletableFuture<Connection> borrowing = await();
      boolean claimed = false;
      try {
        Connection connection = borrowing.get(remaining.plus(CANCELLATION_SLACK).toNanos(),
            TimeUnit.NANOSECONDS);
        claimed = true;
        return connection;
      } catch (TimeoutException late) {
        throw new SQLTimeoutException("no connection by the deadline");
      } catch (ExecutionException failed) {
        claimed = true; // nothing to give back
        throw failed.getCause() instanceof SQLException sql ? sql
            : new SQLException("the data source failed to lend a connection", failed.getCause());
      } finally {
        leave(borrowing, claimed);
      }
    }

    private synchronized CompletableFuture<Connection> await() {
      if (pending == null) {
        CompletableFuture<Connection> borrowing = new CompletableFuture<>();
        pending = borrowing;
        Thread thread = new Thread(() -> {
          try {
            borrowing.complete(dataSource.getConnection());
          } catch (Throwable failure) {
            borrowing.completeExceptionally(failure);
          }
          lent(borrowing);
        }, "isoprobe-jdbc-borrow");
        thread.setDaemon(true); // a borrow a frozen server holds keeps no JVM up
        thread.start();
      }
      waiting = true;
      return pending;
    }

    /** On the borrowing thread: gives the connection back at once if no execution waits. */
    private synchronized void lent(CompletableFuture<Connection> borrowing) {
      if (pending == borrowing && !waiting) {
        pending = null;
        giveBack(borrowing);
      }
    }

    /**
     * On the execution's thread, as it stops waiting: a borrow it gave up on and that has come
     * meanwhile is given back; one still under way is left for the next execution, or for
     * {@link #lent} to give back.
     */
    private synchronized void leave(CompletableFuture<Connection> borrowing, boolean claimed) {
      waiting = false;
      if (pending != borrowing) {
        return;
      }
      if (claimed) {
        pending = null;
      } else if (borrowing.isDone()) {
        pending = null;
        giveBack(borrowing);
      }
    }

    private static void giveBack(CompletableFuture<Connection> borrowed) {
      Connection connection = borrowed.getNow(null);
      if (connection == null) {
        return;
      }
      try {
        connection.close();
      } catch (SQLException | RuntimeException failed) {
        // A pool drops a connection it cannot take back.
      }
    }
  }

  /** A connection on loan to one execution: aborted by its cancellation, or given back. */
  private static final class Borrowed {
    private final Connection connection;
    private boolean aborted;
    private boolean givenBack;

    Borrowed(Connection connection) {
      this.connection = connection;
    }

    /**
     * Aborts the connection unless it is being given back: a cancellation that comes after the
     * check returned must not close a connection the pool has lent to someone else.
     */
    synchronized void abort() {
      if (givenBack) {
        return;
      }
      aborted = true;
      try {
        connection.abort(ON_CALLING_THREAD);
      } catch (SQLException | RuntimeException alreadyClosed) {
        // Closed already, by the driver or the pool: its socket is gone either way.
      }
    }

    /**
     * Marks the connection given back, after any abort under way has finished (the pool must
     * not see it half-aborted), and returns whether it was aborted.
     */
    synchronized boolean giveBack() {
      givenBack = true;
      return aborted;
    }
  }

  /** Builds a {@link JdbcCheck}. */
  public static final class Builder {
    private final DataSource dataSource;
    private String validationQuery;

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Validates with {@code query} (such as {@code SELECT 1}) instead of the driver's
     * {@code isValid}: up when it returns a row. Shown in the details, so it must hold nothing
     * secret. Default: none.
     *
     * @throws IllegalArgumentException if query is blank
     * @throws NullPointerException if query is null
     */
    public Builder validationQuery(String query) {
      if (Objects.requireNonNull(query, "query").isBlank()) {
        throw new IllegalArgumentException("validationQuery must not be blank");
      }
      this.validationQuery = query;
      return this;
    }

    /** Returns the check. */
    public JdbcCheck build() {
      return new JdbcCheck(this);
    }
  }
}
