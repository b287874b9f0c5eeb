/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.isoprobe.CancellationToken;
import dev.isoprobe.Check;
import dev.isoprobe.Probes;
import dev.isoprobe.CheckContext;
import dev.isoprobe.PostgresServer;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Second reader's reproductions against {@link JdbcCheck}: each test states the claim. */
class JdbcCheckReviewTest {

  private static final java.util.concurrent.atomic.AtomicInteger EXECUTIONS =
      new java.util.concurrent.atomic.AtomicInteger();
  private final List<AutoCloseable> closeLater = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeLater) {
      c.close();
    }
  }

  /**
   * Claim A: a borrow that fails after the execution stopped waiting (the frozen-database case
   * once the pool's connectionTimeout passes) makes Lender.lent -> giveBack call getNow(null) on
   * an exceptionally completed future, which throws CompletionException: uncaught on the
   * isoprobe-jdbc-borrow thread (printed by the default handler, with the pool's message).
   */
  @Test
  void aBorrowThatFailsAfterTheExecutionGaveUpThrowsNothingOnTheBorrowThread() throws Exception {
    BlockingDataSource dataSource = new BlockingDataSource(null);
    JdbcCheck check = JdbcCheck.builder(dataSource).build();
    CompletableFuture<Throwable> uncaught = new CompletableFuture<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.complete(e));
    try {
      CompletableFuture<Object> outcome = new CompletableFuture<>();
      Thread execution = run(check, new Ctx(), outcome);
      dataSource.entered.await(10, TimeUnit.SECONDS);
      execution.interrupt(); // isoprobe's interrupt at the deadline
      assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);

      dataSource.release.countDown(); // the pool gives up: SQLException
      dataSource.borrower.get().join(10_000);

      assertThat(dataSource.borrower.get().isAlive()).isFalse();
      assertThat(uncaught.getNow(null)).as("uncaught on the borrow thread").isNull();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  /**
   * Claim A': the same getNow(null) in Lender.leave: an execution interrupted at the deadline
   * whose borrow fails between its get() and its leave() throws CompletionException (the pool's
   * message inside) instead of InterruptedException. Made deterministic by holding the Lender's
   * monitor so that both the execution's leave and the borrow's lent queue behind it.
   */
  @Test
  void anExecutionInterruptedAsItsBorrowFailsThrowsItsInterrupt() throws Exception {
    BlockingDataSource dataSource = new BlockingDataSource(null);
    JdbcCheck check = JdbcCheck.builder(dataSource).build();
    Object lender = field(check, "lender");
    CompletableFuture<Throwable> uncaught = new CompletableFuture<>();
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.complete(e));
    try {
      CompletableFuture<Object> outcome = new CompletableFuture<>();
      Thread execution = run(check, new Ctx(), outcome);
      dataSource.entered.await(10, TimeUnit.SECONDS);
      synchronized (lender) {
        execution.interrupt();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> execution.getState() == Thread.State.BLOCKED); // in leave()
        dataSource.release.countDown();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> dataSource.borrower.get().getState() == Thread.State.BLOCKED); // lent()
      }
      assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
  }

  /**
   * Claim B: one JdbcCheck serving two executions at once (the class says "one instance serves
   * every execution"; isoprobe runs two Checks built on the same instance concurrently) shares
   * one borrow, and `waiting` is a single flag: the first execution to give up clears it, the
   * connection that then arrives is given back to the pool by lent(), and the execution still
   * waiting is handed that same, already closed, connection: an error though the database is up.
   */
  @Test
  void aSecondExecutionWaitingOnTheSameBorrowIsNotHandedAConnectionGivenBack() throws Exception {
    HikariDataSource pool = poolOfOne(PostgresServer.shared().jdbcUrl(), null);
    // Racy by nature (the second execution's leave() against the borrow thread's lent()): the
    // bad branch came first in most runs here; 20 tries make it all but certain.
    for (int attempt = 1; attempt <= 20; attempt++) {
      BlockingDataSource dataSource = new BlockingDataSource(pool);
      JdbcCheck check = JdbcCheck.builder(dataSource).build();

      CompletableFuture<Object> first = new CompletableFuture<>();
      Thread a = run(check, new Ctx(), first);
      dataSource.entered.await(10, TimeUnit.SECONDS);
      CompletableFuture<Object> second = new CompletableFuture<>();
      Thread b = run(check, new Ctx(), second);
      await().atMost(Duration.ofSeconds(10)).until(() -> waitingInBorrow(b));

      a.interrupt(); // the first one's deadline
      assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
      dataSource.release.countDown();

      Object result = second.get(10, TimeUnit.SECONDS);
      assertThat(result).as("attempt %d: the second execution, database up", attempt)
          .isNotInstanceOf(Throwable.class);
      dataSource.borrower.get().join(10_000);
      await().atMost(Duration.ofSeconds(5))
          .until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
    }
  }

  /**
   * Claim B, deterministic: two executions waiting on one borrow are both handed the one
   * connection the pool lent once: two executions validate on it at once, and the first to
   * finish gives it back to the pool while the other is still using it.
   */
  @Test
  void twoWaitingExecutionsAreNotHandedTheSameConnection() throws Exception {
    HikariDataSource pool = poolOfOne(PostgresServer.shared().jdbcUrl(), null);
    BlockingDataSource dataSource = new BlockingDataSource(pool);
    JdbcCheck check = JdbcCheck.builder(dataSource).build();

    CompletableFuture<Object> first = new CompletableFuture<>();
    run(check, new Ctx(), first);
    dataSource.entered.await(10, TimeUnit.SECONDS);
    CompletableFuture<Object> second = new CompletableFuture<>();
    Thread b = run(check, new Ctx(), second);
    await().atMost(Duration.ofSeconds(10)).until(() -> waitingInBorrow(b));
    dataSource.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);

    assertThat(dataSource.users).as("executions handed the one pooled connection").hasSize(1);
  }

  /**
   * Claim B through isoprobe itself: two Checks built on one JdbcCheck ("one instance serves
   * every execution") run at once on isoprobe's executor, join the one borrow, and are both
   * handed the one connection the pool lent.
   */
  @Test
  void twoChecksOnOneJdbcCheckThroughProbes() throws Exception {
    HikariDataSource pool = poolOfOne(PostgresServer.shared().jdbcUrl(), null);
    BlockingDataSource dataSource = new BlockingDataSource(pool);
    JdbcCheck shared = JdbcCheck.builder(dataSource).build();
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(3)).warmUp(Duration.ZERO)
        .failureThreshold(1).deadlockCheck(false)
        .check(Check.builder("db/a", shared).build())
        .check(Check.builder("db/b", shared).build()).build();
    closeLater.add(() -> probes.shutdown(Duration.ofSeconds(2)));

    CompletableFuture<Boolean> both = probes.probe("db").orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> threadsInBorrow() == 2);
    dataSource.release.countDown();
    both.get(10, TimeUnit.SECONDS);

    assertThat(dataSource.users).as("isoprobe threads handed the one pooled connection")
        .hasSize(1);
  }

  private static long threadsInBorrow() {
    return Thread.getAllStackTraces().keySet().stream().filter(JdbcCheckReviewTest::waitingInBorrow)
        .count();
  }

  /**
   * Claim C: with a validation query the network timeout is "restored" to 0, not to what it was:
   * a connection whose driver has a socketTimeout (PgJDBC socketTimeout=30) goes back to a pool
   * that does not reset network timeouts itself (HikariCP does; a naive pool, here, does not)
   * with no read timeout at all.
   */
  @Test
  void theNetworkTimeoutIsRestoredToWhatItWas() throws Exception {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("socketTimeout", "30");
    Connection physical = DriverManager.getConnection(PostgresServer.shared().jdbcUrl(), props);
    closeLater.add(physical);
    assertThat(physical.getNetworkTimeout()).isEqualTo(30_000);
    DataSource naivePool = new OneConnectionPool(physical);

    assertThat(JdbcCheck.builder(naivePool).validationQuery("SELECT 1").build().check(new Ctx())
        .healthy()).isTrue();

    assertThat(physical.getNetworkTimeout()).as("after the check").isEqualTo(30_000);
  }

  /**
   * Claim D: a validation query whose first column is NULL returned a row, but
   * CheckResult.up(details) refuses a null value: NullPointerException, reported error.
   */
  @Test
  void aQueryWhoseFirstColumnIsNullIsNotAnError() throws Exception {
    HikariDataSource pool = poolOfOne(PostgresServer.shared().jdbcUrl(), null);
    Object result;
    try {
      result = JdbcCheck.builder(pool).validationQuery("SELECT NULL").build().check(new Ctx());
    } catch (Exception e) {
      result = e;
    }
    assertThat(result).isNotInstanceOf(Throwable.class);
  }

  // --- support ---

  private static boolean waitingInBorrow(Thread thread) {
    if (thread.getState() != Thread.State.TIMED_WAITING) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals("borrow")) {
        return true;
      }
    }
    return false;
  }

  private static Thread run(JdbcCheck check, CheckContext context, CompletableFuture<Object> out) {
    Thread thread = new Thread(() -> {
      try {
        out.complete(check.check(context));
      } catch (Throwable e) {
        out.complete(e);
      }
    }, "execution-" + EXECUTIONS.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static Object field(Object target, String name) throws Exception {
    Field field = target.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }

  private HikariDataSource poolOfOne(String url, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setMaximumPoolSize(1);
    if (name != null) {
      config.setPoolName(name);
    }
    HikariDataSource pool = new HikariDataSource(config);
    closeLater.add(pool);
    return pool;
  }

  /** Blocks getConnection until released; then lends from the delegate, or fails if none. */
  static final class BlockingDataSource extends AbstractDataSource {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicReference<Thread> borrower = new AtomicReference<>();
    /** The threads, other than the borrow thread, that used a connection lent here. */
    final java.util.Set<String> users = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final DataSource delegate;

    BlockingDataSource(DataSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public Connection getConnection() throws SQLException {
      borrower.set(Thread.currentThread());
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new SQLException(e);
      }
      if (delegate == null) {
        throw new SQLException("jdbc:postgresql://db.internal:5432/app user=secret refused");
      }
      Connection lent = delegate.getConnection();
      Thread lender = Thread.currentThread();
      // Makes the race deterministic: an execution uses the connection only once the borrow
      // thread has finished (i.e. after Lender.lent, which may have given it back meanwhile).
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (Thread.currentThread() != lender) {
              users.add(Thread.currentThread().getName());
            }
            if (Thread.currentThread() != lender && !method.getName().equals("close")
                && !method.getName().equals("abort")) {
              lender.join(10_000);
            }
            try {
              return method.invoke(lent, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  /** A naive pool of one physical connection: close() gives it back, nothing is reset. */
  static final class OneConnectionPool extends AbstractDataSource {
    private final Connection physical;

    OneConnectionPool(Connection physical) {
      this.physical = physical;
    }

    @Override
    public Connection getConnection() {
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close")) {
              return null;
            }
            try {
              return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  abstract static class AbstractDataSource implements DataSource {
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }

  /** Plenty of time; a token cancelled by cancel(). */
  static final class Ctx implements CheckContext, CancellationToken {
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    @Override
    public CancellationToken token() {
      return this;
    }

    @Override
    public Duration remaining() {
      return Duration.ofSeconds(10);
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public synchronized void onCancel(Runnable callback) {
      if (cancelled) {
        callback.run();
        return;
      }
      callbacks.add(callback);
    }

    void cancel() {
      synchronized (this) {
        cancelled = true;
      }
      callbacks.forEach(Runnable::run);
    }
  }
}
