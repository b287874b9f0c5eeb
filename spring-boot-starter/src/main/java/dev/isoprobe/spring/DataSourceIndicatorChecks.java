/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.HealthCheck;
import dev.isoprobe.checks.JdbcCheck;
import java.lang.reflect.Field;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Spring Boot's own {@code db} indicators as {@link JdbcCheck}s over the same DataSource and
 * query: the indicator validates with {@code isValid(0)} or a query with no timeout, and a frozen
 * database holds its thread in the driver for as long as it is frozen, where a {@code JdbcCheck}
 * ends with the probe's deadline. Refers to {@code spring-boot-jdbc}, which is optional: loaded
 * only once {@link HealthContributorCheckSource} has found it on the class path.
 */
final class DataSourceIndicatorChecks {

  private DataSourceIndicatorChecks() {}

  /**
   * Returns a {@code JdbcCheck} of what {@code indicator} checks when it is Boot's
   * {@code DataSourceHealthIndicator} itself, or empty: another indicator, a subclass (which may
   * check more than its DataSource) and an indicator whose DataSource cannot be read are run as
   * they are.
   */
  static Optional<HealthCheck> jdbcCheck(HealthIndicator indicator) {
    if (indicator.getClass() != DataSourceHealthIndicator.class) {
      return Optional.empty();
    }
    DataSourceHealthIndicator db = (DataSourceHealthIndicator) indicator;
    return dataSource(db).map(dataSource -> {
      JdbcCheck.Builder check = JdbcCheck.builder(dataSource);
      // As the indicator: a blank query means the driver's isValid().
      if (StringUtils.hasText(db.getQuery())) {
        check.validationQuery(db.getQuery());
      }
      return check.build();
    });
  }

  /**
   * The indicator's DataSource, which it has no getter for: its private {@code dataSource} field,
   * in Boot 4.0 and 4.1 alike. Should a Boot version rename it, the indicator is run as it is
   * (no deadline in the driver, as before this class), and a test on each Boot version the
   * starter supports fails, as its frozen DataSource then holds the check's thread:
   * BootDbChecksTest on 4.0 (the starter's own tests), BootDbOnBoot41Test in
   * examples/spring-boot-grpc on 4.1.
   */
  private static Optional<DataSource> dataSource(DataSourceHealthIndicator indicator) {
    Field field = ReflectionUtils.findField(DataSourceHealthIndicator.class, "dataSource",
        DataSource.class);
    if (field == null) {
      return Optional.empty();
    }
    try {
      ReflectionUtils.makeAccessible(field);
      return Optional.ofNullable((DataSource) ReflectionUtils.getField(field, indicator));
    } catch (RuntimeException inaccessible) {
      return Optional.empty(); // a module that does not open it: the indicator as it is
    }
  }
}
