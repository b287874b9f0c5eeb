/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.boot;

import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code example.db-indicator-as-is=true}, the {@code db} check is Spring Boot's own
 * {@code DataSourceHealthIndicator} run as it is (no deadline reaches the driver: a frozen
 * database holds the check's thread until the pool or the driver gives up), as isoprobe ran it
 * before its {@code JdbcCheck}: the "as it was" target of {@code benchmarks/frozen-db.sh}.
 * Without it (the default), the starter runs Boot's indicator as a {@code JdbcCheck} over the
 * same DataSource. Boot's own {@code db} bean backs off for this one, and the starter runs any
 * subclass of the indicator as it is, since a subclass may check more than its DataSource.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("example.db-indicator-as-is")
class BootDbIndicatorAsIs {

  @Bean
  HealthIndicator dbHealthContributor(DataSource dataSource) {
    return new DataSourceHealthIndicator(dataSource) {};
  }
}
