/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * Makes the application's database hang on demand, the way a frozen database server does to a
 * JDBC call without a socket timeout: {@code getConnection()} blocks, deaf to interrupts. It
 * wraps every {@code DataSource} bean, so the {@code db} check is Spring Boot's own
 * {@code DataSourceHealthIndicator} over the application's real pool, exactly as in a service
 * without this class. Thread-safe.
 */
@Component
class DatabaseFreeze implements BeanPostProcessor {

  /** Non-null while frozen: connection requests wait on it until {@link #heal()}. */
  private volatile CountDownLatch frozen;

  /** How long a healthy validation ({@code isValid}) takes: a slow but working database. */
  private final Duration delay;

  DatabaseFreeze(@Value("${example.hang:false}") boolean hangAtStart,
      @Value("${example.check-delay:0ms}") Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("example.check-delay: " + delay + " (expected: >= 0)");
    }
    this.delay = delay;
    if (hangAtStart) {
      hang();
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String name) {
    return bean instanceof DataSource dataSource && !(bean instanceof Freezable)
        ? new Freezable(dataSource) : bean;
  }

  /** Makes every following connection request block until {@link #heal()}. */
  synchronized void hang() {
    if (frozen == null) {
      frozen = new CountDownLatch(1);
    }
  }

  /** Releases the blocked requests and makes the following ones healthy. */
  synchronized void heal() {
    CountDownLatch latch = frozen;
    frozen = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  private void beforeConnecting() {
    CountDownLatch latch = frozen;
    if (latch != null) {
      awaitIgnoringInterrupts(latch);
    }
  }

  /**
   * Returns {@code connection} with {@code isValid} slowed by the delay: Boot's check takes two
   * connections (product name, then validity) and validates once, so the delay is once a check.
   */
  private Connection slowValidation(Connection connection) {
    if (delay.isZero()) {
      return connection;
    }
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
          if (method.getName().equals("isValid")) {
            try {
              new CountDownLatch(1).await(delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
              throw new SQLException("interrupted while validating");
            }
          }
          try {
            return method.invoke(connection, arguments);
          } catch (InvocationTargetException failed) {
            throw failed.getCause();
          }
        });
  }

  /** Like a blocking socket read: an interrupt does not end the wait. */
  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException ignored) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The application's pool, behind the switch. */
  private final class Freezable extends DelegatingDataSource {
    Freezable(DataSource pool) {
      super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
      beforeConnecting();
      return slowValidation(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      beforeConnecting();
      return slowValidation(super.getConnection(username, password));
    }
  }
}
