/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.tomcat;

import dev.isoprobe.Check;
import dev.isoprobe.Group;
import dev.isoprobe.checks.JdbcCheck;
import dev.isoprobe.servlet.CheckProvider;
import jakarta.servlet.ServletContext;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * The README's WAR quick start's check provider, line for line ({@link ReadmeWarQuickStartTest}
 * holds the README to it); its pool is {@link StandInPool}'s.
 */
public final class AppChecks implements CheckProvider {   // needs dev.isoprobe:isoprobe-checks too
  @Override
  public Collection<Check> checks(ServletContext context) {
    DataSource pool = (DataSource) context.getAttribute("dataSource"); // set by your listener
    return List.of(Check.builder("db", JdbcCheck.builder(pool).build()) // ends with the deadline, in the driver too
        .groups(Group.READINESS)
        .build());
  }
}
