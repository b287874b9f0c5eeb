/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.tomcat;

import dev.isoprobe.StandInDataSource;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * The application's listener of the README's WAR quick start: it puts the application's pool in
 * the context attribute {@code dataSource}, before the filter asks {@link AppChecks} for its
 * checks. The pool is a stand-in at the JDBC seam, its connections valid.
 */
public final class StandInPool implements ServletContextListener {

  static final StandInDataSource POOL = new StandInDataSource(() -> true);

  @Override
  public void contextInitialized(ServletContextEvent event) {
    event.getServletContext().setAttribute("dataSource", POOL.dataSource());
  }
}
