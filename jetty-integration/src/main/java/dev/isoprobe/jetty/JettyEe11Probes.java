/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import dev.isoprobe.Probes;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.FilterMapping;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHandler;

/**
 * {@link JettyProbes#install} for a Jetty 12.1 ee11 (Servlet 6.1) context, as Spring Boot 4 runs
 * on Jetty: the same filter, order and graceful shutdown. A class of its own, that touches no
 * ee10 type (and {@link JettyProbes} no ee11 one), so that either alone on the class path works.
 */
public final class JettyEe11Probes {

  private JettyEe11Probes() {}

  /** Installs {@code probes} in {@code context} with no drain delay. */
  public static void install(ServletContextHandler context, Probes probes) {
    install(context, probes, Duration.ZERO);
  }

  /**
   * Adds the probe filter to {@code context} for {@code /*}, async-supported and ahead of every
   * filter already there, and the component that runs the graceful shutdown sequence when the
   * server stops; see {@link JettyProbes#install(org.eclipse.jetty.ee10.servlet.ServletContextHandler,
   * Probes, Duration)}.
   *
   * @param drainDelay how long readiness answers 503 {@code draining} before anything stops
   * @throws IllegalArgumentException if drainDelay is negative or longer than ten minutes
   * @throws NullPointerException if an argument is null
   */
  public static void install(ServletContextHandler context, Probes probes, Duration drainDelay) {
    Objects.requireNonNull(context, "context");
    ShutdownComponent.checkArguments(probes, drainDelay);
    FilterHolder holder = new FilterHolder(probes.filter());
    holder.setName(JettyProbes.FILTER_NAME);
    holder.setAsyncSupported(true);
    FilterMapping mapping = new FilterMapping();
    mapping.setFilterName(JettyProbes.FILTER_NAME);
    mapping.setPathSpec("/*");
    mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
    ServletHandler servlets = context.getServletHandler();
    servlets.prependFilter(holder);
    servlets.prependFilterMapping(mapping);
    ShutdownComponent.addTo(context, probes, drainDelay);
  }
}
