/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Check;
import dev.isoprobe.HealthCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.health.application.AvailabilityStateHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.ClassUtils;

/**
 * One readiness check per indicator in Spring Boot's {@code HealthContributorRegistry}: what
 * {@code /actuator/health} shows, under the names it shows. The registry holds every
 * {@code HealthContributor} bean, whatever type its bean method declares (Boot's own {@code db}
 * is a {@code HealthContributor}), named without the {@code HealthIndicator} or
 * {@code HealthContributor} suffix; {@code management.health.<name>.enabled=false} leaves Boot's
 * out of it. A composite's members become {@code name/member}. Actuator's liveness and readiness
 * state indicators are left out: isoprobe's {@code livenessState} and {@code readinessState}
 * checks read the same state in the right groups.
 *
 * <p>Boot's own {@code db} indicators ({@code DataSourceHealthIndicator}, with
 * {@code spring-boot-jdbc}) run as {@code JdbcCheck}s over the same DataSource and query, under
 * the same names: bounded by the probe's deadline in the driver, which the indicator is not.
 * Actuator keeps calling the indicators themselves.
 */
final class HealthContributorCheckSource implements CheckSource {

  /** Optional: without it, no class that refers to it is loaded. */
  private static final boolean JDBC = ClassUtils.isPresent(
      "org.springframework.boot.jdbc.health.DataSourceHealthIndicator",
      HealthContributorCheckSource.class.getClassLoader());

  private final HealthContributors registry;

  HealthContributorCheckSource(HealthContributors registry) {
    this.registry = registry;
  }

  @Override
  public List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    registry.stream().forEach(entry -> add(checks, entry.name(), entry.contributor()));
    return checks;
  }

  private static void add(List<Check> checks, String name, HealthContributor contributor) {
    if (contributor instanceof HealthContributors composite) {
      composite.stream().forEach(member ->
          add(checks, name + "/" + member.name(), member.contributor()));
    } else if (contributor instanceof HealthIndicator indicator
        && !(indicator instanceof AvailabilityStateHealthIndicator)) {
      checks.add(BootHealth.check(name, healthCheck(indicator)));
    }
  }

  private static HealthCheck healthCheck(HealthIndicator indicator) {
    if (JDBC) {
      Optional<HealthCheck> jdbc = DataSourceIndicatorChecks.jdbcCheck(indicator);
      if (jdbc.isPresent()) {
        return jdbc.get();
      }
    }
    return context -> BootHealth.result(indicator.health(/* includeDetails= */ true));
  }
}
