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
 * same server, cannot either; it matters most at shutdown, long before the network timeout. An
 * aborted connection is given back closed, and the pool replaces it (HikariCP evicts it as it
 * takes it back, logging a warning with SQLState {@code 08003}); none is leaked.
 *
 * <p>The connection is borrowed off isoprobe's thread, which waits for it no longer than the
 * time left: a pool validates a connection it has not lent for a while before lending it
 * (HikariCP: {@code isValid} within its {@code validationTimeout}, 5 s by default), and against a
 * frozen server that validation holds its thread in the driver, where neither an interrupt nor
 * an abort of ours reaches. One borrow at a time: a probe that comes while the last one's borrow
 * is still under way waits for that one, and a connection that comes when no probe waits any
 * longer goes straight back to the pool. Thread-safe: one instance may serve several checks, each
 * execution with a connection of its own.
 */
public final class JdbcCheck implements HealthCheck {

  /** What {@code validationQuery} shows when the driver's own validation is used. */
  static final String IS_VALID = "isValid()";
  /** Abort and the network timeout act at once: a socket is closed, a timeout set. */
  private static final Executor ON_CALLING_THREAD = Runnable::run;
  /** What {@code boundNetwork} returns for a driver without network timeouts. */
  private static final int UNBOUNDED = -1;

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
      try {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("database", connection.getMetaData().getDatabaseProductName());
        boolean valid = validationQuery == null
            ? isValid(connection, context.remaining(), details)
            : query(connection, context.remaining(), details);
        return valid ? CheckResult.up(details) : CheckResult.down(details);
      } finally {
        borrowed.giveBack();
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
    int before = boundNetwork(connection, remaining);
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(seconds(remaining));
      try (ResultSet rows = statement.executeQuery(validationQuery)) {
        if (!rows.next()) {
          return false;
        }
        Object result = rows.getObject(1);
        if (result != null) { // SQL NULL: a row all the same, with nothing to show
          details.put("result", result);
        }
        return true;
      }
    } finally {
      if (before != UNBOUNDED) {
        restoreNetwork(connection, before);
      }
    }
  }

  /**
   * Bounds every read of the connection's socket by the time left, as {@code isValid} does for
   * itself: the driver then gives up by itself if no cancellation reaches it. Returns the network
   * timeout it had, to put back, or {@link #UNBOUNDED} for a driver without network timeouts,
   * which the abort alone bounds.
   */
  private static int boundNetwork(Connection connection, Duration remaining)
      throws SQLException {
    try {
      int before = connection.getNetworkTimeout();
      connection.setNetworkTimeout(ON_CALLING_THREAD, (int) Math.max(1,
          Math.min(Integer.MAX_VALUE, remaining.toMillis())));
      return before;
    } catch (SQLFeatureNotSupportedException unsupported) {
      return UNBOUNDED;
    }
  }

  /** Back to the network timeout it had, for the next borrower. */
  private static void restoreNetwork(Connection connection, int millis) {
    try {
      connection.setNetworkTimeout(ON_CALLING_THREAD, millis);
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
   * Borrows from the data source on threads of its own, and hands each connection to the
   * execution that waits for it, or back to the pool when none does any longer. A borrow whose
   * execution gave up is left for the next execution to take over: one borrow, not one per
   * probe, waits on a frozen server. Guarded by itself.
   */
  private static final class Lender {
    /**
     * How long past the time left a wait lasts: isoprobe's interrupt at the deadline ends it
     * first, so the probe is reported {@code timeout}, as for any check that overruns, not
     * {@code error}; this bounds it should no interrupt come.
     */
    private static final Duration CANCELLATION_SLACK = Duration.ofSeconds(1);

    private final DataSource dataSource;
    /** A borrow still under way that no execution waits for; null when none. */
    private Borrow unwaited;

    Lender(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Returns a connection, or throws: {@link InterruptedException} when isoprobe interrupts the
     * wait at the deadline, {@link SQLTimeoutException} shortly after it should none come, the
     * data source's own exception when it cannot lend one.
     */
    Connection borrow(Duration remaining) throws SQLException, InterruptedException {
      Borrow borrow = takeOverOrStart();
      boolean taken = false;
      try {
        Connection connection = borrow.connection.get(
            remaining.plus(CANCELLATION_SLACK).toNanos(), TimeUnit.NANOSECONDS);
        taken = true;
        return connection;
      } catch (TimeoutException late) {
        throw new SQLTimeoutException("no connection by the deadline");
      } catch (ExecutionException failed) {
        throw failed.getCause() instanceof SQLException sql ? sql
            : new SQLException("the data source failed to lend a connection", failed.getCause());
      } finally {
        if (!taken) {
          giveUp(borrow);
        }
      }
    }

    private synchronized Borrow takeOverOrStart() {
      Borrow borrow = unwaited;
      unwaited = null;
      if (borrow == null) {
        borrow = new Borrow();
        start(borrow);
      }
      borrow.waited = true;
      return borrow;
    }

    private void start(Borrow borrow) {
      Thread thread = new Thread(() -> {
        try {
          borrow.connection.complete(dataSource.getConnection());
        } catch (Throwable failure) {
          borrow.connection.completeExceptionally(failure);
        }
        lent(borrow);
      }, "isoprobe-jdbc-borrow");
      thread.setDaemon(true); // a borrow a frozen server holds keeps no JVM up
      thread.start();
    }

    /** On the borrowing thread: gives the connection back at once if no execution waits. */
    private synchronized void lent(Borrow borrow) {
      if (!borrow.waited) {
        if (unwaited == borrow) {
          unwaited = null;
        }
        borrow.giveBack();
      }
    }

    /**
     * On the execution's thread, as it stops waiting: a borrow that has come meanwhile is given
     * back; one still under way is left for the next execution, or, when another is left
     * already, for {@link #lent} to give back.
     */
    private synchronized void giveUp(Borrow borrow) {
      borrow.waited = false;
      if (borrow.connection.isDone()) {
        borrow.giveBack();
      } else if (unwaited == null) {
        unwaited = borrow;
      }
    }
  }

  /** One borrow from the data source. Guarded by the {@link Lender}. */
  private static final class Borrow {
    final CompletableFuture<Connection> connection = new CompletableFuture<>();
    /** Whether an execution waits for it, or has taken its connection. */
    boolean waited;
    private boolean givenBack;

    /** Gives its connection back to the pool, once; a borrow that failed has none. */
    void giveBack() {
      if (givenBack || connection.isCompletedExceptionally()) {
        return;
      }
      givenBack = true;
      try {
        connection.getNow(null).close();
      } catch (SQLException | RuntimeException failed) {
        // A pool drops a connection it cannot take back.
      }
    }
  }

  /** A connection on loan to one execution: aborted by its cancellation, or given back. */
  private static final class Borrowed {
    private final Connection connection;
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
      try {
        connection.abort(ON_CALLING_THREAD);
      } catch (SQLException | RuntimeException alreadyClosed) {
        // Closed already, by the driver or the pool: its socket is gone either way.
      }
    }

    /**
     * Marks the connection given back, after any abort under way has finished: the pool must
     * not see it half-aborted.
     */
    synchronized void giveBack() {
      givenBack = true;
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
