/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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

/**
 * {@link JdbcCheck}'s borrowing and giving back under the interleavings a second reader found
 * (each failed before its fix): a borrow failing with nobody waiting, an interrupt racing a failed
 * borrow, one instance shared by overlapping executions, the network timeout put back, a NULL
 * result.
 */
class JdbcCheckLenderTest {

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
   * A borrow that fails after the execution stopped waiting (a frozen database, once the pool's
   * connectionTimeout passes) throws nothing on the borrow thread: it once threw the pool's
   * exception there, uncaught, printed with the pool's message.
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
      Thread execution = run(check, new TestContext(), outcome);
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
   * An execution interrupted at the deadline whose borrow fails as it gives up throws its
   * interrupt, not the pool's exception. Made deterministic by holding the lender's monitor so
   * that the execution's giving up and the borrow's end queue behind it.
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
      Thread execution = run(check, new TestContext(), outcome);
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
   * One JdbcCheck serving two executions at once (two checks built on one instance): the first
   * to give up never costs the other its connection. Once they shared one borrow, and the
   * connection that arrived after the first gave up went back to the pool while the second was
   * handed it, closed: an error though the database was up.
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
      Thread a = run(check, new TestContext(), first);
      dataSource.entered.await(10, TimeUnit.SECONDS);
      CompletableFuture<Object> second = new CompletableFuture<>();
      Thread b = run(check, new TestContext(), second);
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
   * Two executions of one instance at once each borrow a connection of their own: handed one
   * borrow's connection, both validated on it and the first to finish gave it back to the pool
   * while the other was still using it.
   */
  @Test
  void twoWaitingExecutionsAreNotHandedTheSameConnection() throws Exception {
    HikariDataSource pool = poolOfOne(PostgresServer.shared().jdbcUrl(), null);
    BlockingDataSource dataSource = new BlockingDataSource(pool);
    JdbcCheck check = JdbcCheck.builder(dataSource).build();

    CompletableFuture<Object> first = new CompletableFuture<>();
    run(check, new TestContext(), first);
    dataSource.entered.await(10, TimeUnit.SECONDS);
    CompletableFuture<Object> second = new CompletableFuture<>();
    Thread b = run(check, new TestContext(), second);
    await().atMost(Duration.ofSeconds(10)).until(() -> waitingInBorrow(b));
    dataSource.release.countDown();
    first.get(10, TimeUnit.SECONDS);
    second.get(10, TimeUnit.SECONDS);

    assertThat(dataSource.users).as("a connection for each execution").hasSize(2)
        .allSatisfy(usedBy -> assertThat(usedBy).as("executions using one connection").hasSize(1));
  }

  /**
   * The same through isoprobe: two checks built on one JdbcCheck run at once on its executor,
   * each with a connection of its own.
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

    assertThat(dataSource.users).as("a connection for each check").hasSize(2)
        .allSatisfy(usedBy -> assertThat(usedBy).as("checks using one connection").hasSize(1));
  }

  private static long threadsInBorrow() {
    return Thread.getAllStackTraces().keySet().stream().filter(JdbcCheckLenderTest::waitingInBorrow)
        .count();
  }

  /**
   * With a validation query the network timeout is put back to what it was (once it was set to
   * 0): a connection whose driver has a socketTimeout (PgJDBC socketTimeout=30) goes back to a
   * pool that does not reset network timeouts itself (HikariCP does; a naive pool, here, does
   * not) with that timeout, not none.
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

    assertThat(JdbcCheck.builder(naivePool).validationQuery("SELECT 1").build()
        .check(new TestContext())
        .healthy()).isTrue();

    assertThat(physical.getNetworkTimeout()).as("after the check").isEqualTo(30_000);
  }

  /**
   * A driver without network timeouts (JDBC lets it throw SQLFeatureNotSupportedException for
   * both the getter and the setter) is validated all the same, bounded by the abort alone: reading
   * the timeout to put back once failed the check as an error before anything was bounded.
   */
  @Test
  void aDriverWithoutNetworkTimeoutsIsValidatedByTheQueryAllTheSame() throws Exception {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    Connection physical = DriverManager.getConnection(PostgresServer.shared().jdbcUrl(), props);
    closeLater.add(physical);
    DataSource noNetworkTimeouts = new OneConnectionPool((Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().endsWith("NetworkTimeout")) {
            throw new java.sql.SQLFeatureNotSupportedException(method.getName());
          }
          try {
            return method.invoke(physical, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));

    assertThat(JdbcCheck.builder(noNetworkTimeouts).validationQuery("SELECT 1").build()
        .check(new TestContext()).healthy()).isTrue();
  }

  /**
   * A validation query whose first column is NULL returned a row: up, with no result shown
   * (CheckResult's details take no null: it was an error).
   */
  @Test
  void aQueryWhoseFirstColumnIsNullIsNotAnError() throws Exception {
    HikariDataSource pool = poolOfOne(PostgresServer.shared().jdbcUrl(), null);
    Object result;
    try {
      result = JdbcCheck.builder(pool).validationQuery("SELECT NULL").build()
          .check(new TestContext());
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
    /** For each connection lent here, the threads other than the borrow thread that used it. */
    final List<java.util.Set<String>> users = new CopyOnWriteArrayList<>();
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
      java.util.Set<String> usedBy = java.util.concurrent.ConcurrentHashMap.newKeySet();
      users.add(usedBy);
      // Makes the race deterministic: an execution uses the connection only once the borrow
      // thread has finished (i.e. after Lender.lent, which may have given it back meanwhile).
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (Thread.currentThread() != lender) {
              usedBy.add(Thread.currentThread().getName());
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
}
