/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.tomcat;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The application's listener of the README's WAR quick start: it puts the application's pool in
 * the context attribute {@code dataSource}, before the filter asks {@link AppChecks} for its
 * checks. The pool is a stand-in at the JDBC seam: valid connections of a database that says it
 * is PostgreSQL, each counted as it is borrowed, validated and given back.
 */
public final class StandInPool implements ServletContextListener {

  static final AtomicInteger borrowed = new AtomicInteger();
  static final AtomicInteger validated = new AtomicInteger();
  static final AtomicInteger givenBack = new AtomicInteger();

  @Override
  public void contextInitialized(ServletContextEvent event) {
    event.getServletContext().setAttribute("dataSource", stub(DataSource.class, (name, args) ->
        switch (name) {
          case "getConnection" -> {
            borrowed.incrementAndGet();
            yield connection();
          }
          default -> null;
        }));
  }

  private static Connection connection() {
    DatabaseMetaData product = stub(DatabaseMetaData.class,
        (name, args) -> name.equals("getDatabaseProductName") ? "PostgreSQL" : null);
    return stub(Connection.class, (name, args) -> switch (name) {
      case "isValid" -> validated.incrementAndGet() > 0;
      case "getMetaData" -> product;
      case "close" -> {
        givenBack.incrementAndGet();
        yield null;
      }
      case "isClosed" -> false;
      default -> null;
    });
  }

  private interface Answer {
    Object of(String method, Object[] args);
  }

  private static <T> T stub(Class<T> type, Answer answer) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> switch (method.getName()) {
          case "toString" -> type.getSimpleName();
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> answer.of(method.getName(), args);
        }));
  }
}
