/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import dev.isoprobe.Check;
import jakarta.servlet.ServletContext;
import java.util.Collection;

/**
 * Gives the checks of a web application whose probes {@link IsoprobeFilter} serves. Found by
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.isoprobe.servlet.CheckProvider}
 * file) or named in {@code isoprobe.check-providers}; either way it needs a public no-argument
 * constructor. Called once, when the filter starts.
 */
@FunctionalInterface
public interface CheckProvider {

  /**
   * Returns the checks to run, configured in code; {@code isoprobe.checks.<name>.*} may then
   * change their timeouts and groups, or disable them.
   *
   * @param context the web application's context, for attributes its listeners have set
   */
  Collection<Check> checks(ServletContext context);
}
