/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import dev.isoprobe.internal.Loggers;
import dev.isoprobe.internal.ModuleProperties;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Adds {@link IsoprobeFilter} to a web application by itself, when {@code isoprobe.register-filter}
 * is {@code true} (in {@code isoprobe.properties}, a context-param, a system property or
 * {@code ISOPROBE_REGISTERFILTER}): async-supported, for {@code /*}, ahead of every filter
 * {@code web.xml} declares. Opt-in, so that adding the jar changes nothing by itself, and a filter
 * declared in {@code web.xml} is never doubled. The container finds this class through
 * {@code META-INF/services}.
 */
public final class IsoprobeInitializer implements ServletContainerInitializer {

  /** The name of the filter this adds. */
  public static final String FILTER_NAME = "isoprobe";

  private static final Logger log = Loggers.get(IsoprobeInitializer.class);

  /** Creates the initializer; the container calls {@link #onStartup}. */
  public IsoprobeInitializer() {}

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
    ModuleProperties.Loaded settings;
    try {
      settings = ServletProperties.load(IsoprobeFilter.contextParameters(context));
    } catch (IllegalArgumentException bad) {
      throw new ServletException("isoprobe: " + bad.getMessage(), bad);
    }
    if (!settings.flag(ServletProperties.REGISTER_FILTER)) {
      return;
    }
    boolean declared = context.getFilterRegistrations().values().stream()
        .anyMatch(filter -> IsoprobeFilter.class.getName().equals(filter.getClassName()));
    if (declared) {
      log.info("isoprobe: isoprobe.register-filter=true, but web.xml declares IsoprobeFilter; "
          + "that one serves the probes");
      return;
    }
    FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, IsoprobeFilter.class);
    if (filter == null) {
      throw new ServletException("isoprobe: isoprobe.register-filter=true, but the application "
          + "already has a filter named '" + FILTER_NAME + "' (expected: no filter of that name)");
    }
    // Probes are answered on isoprobe's threads; a sync filter would hold a container thread.
    filter.setAsyncSupported(true);
    filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
  }
}
