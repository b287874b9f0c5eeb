/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * A pool at the JDBC seam, for the README's quick starts: connections of a database that says it
 * is PostgreSQL, valid while {@code valid} says so, each counted as it is borrowed, validated and
 * given back. Anything else asked of them answers nothing ({@code null}, {@code 0}, {@code false}).
 */
public final class StandInDataSource {

  private final AtomicInteger borrowed = new AtomicInteger();
  private final AtomicInteger validated = new AtomicInteger();
  private final AtomicInteger givenBack = new AtomicInteger();
  private final DataSource dataSource;

  public StandInDataSource(BooleanSupplier valid) {
    dataSource = stub(DataSource.class, (name, args) -> {
      if (!name.equals("getConnection")) {
        return null;
      }
      borrowed.incrementAndGet();
      return connection(valid);
    });
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public int borrowed() {
    return borrowed.get();
  }

  public int validated() {
    return validated.get();
  }

  public int givenBack() {
    return givenBack.get();
  }

  private Connection connection(BooleanSupplier valid) {
    DatabaseMetaData product = stub(DatabaseMetaData.class,
        (name, args) -> name.equals("getDatabaseProductName") ? "PostgreSQL" : null);
    return stub(Connection.class, (name, args) -> switch (name) {
      case "isValid" -> {
        validated.incrementAndGet();
        yield valid.getAsBoolean();
      }
      case "getMetaData" -> product;
      case "close" -> {
        givenBack.incrementAndGet();
        yield null;
      }
      default -> null;
    });
  }

  private interface Answer {
    Object of(String method, Object[] args);
  }

  private static <T> T stub(Class<T> type, Answer answer) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          Object answered = switch (method.getName()) {
            case "toString" -> type.getSimpleName();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> answer.of(method.getName(), args);
          };
          return answered == null ? nothing(method.getReturnType()) : answered;
        }));
  }

  /** What a stand-in answers when it has nothing to say: a primitive's zero, else null. */
  private static Object nothing(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    return null;
  }
}
