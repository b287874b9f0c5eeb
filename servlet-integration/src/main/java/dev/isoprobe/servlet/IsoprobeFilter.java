/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import dev.isoprobe.Check;
import dev.isoprobe.Probes;
import dev.isoprobe.ProbesConfig;
import dev.isoprobe.internal.Loggers;
import dev.isoprobe.internal.ModuleProperties;
import dev.isoprobe.shutdown.GracefulShutdown;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The probe filter to name in {@code web.xml}, configured by {@code isoprobe.*} properties from
 * the sources {@link ProbesConfig#load(Map)} reads (this filter's init-params first, then the
 * context's, system properties, environment variables, {@code isoprobe.properties}), the
 * servlet module's own {@code isoprobe.check-providers} and {@code isoprobe.register-filter}
 * with them, with the checks of every {@link CheckProvider}:
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>isoprobe</filter-name>
 *   <filter-class>dev.isoprobe.servlet.IsoprobeFilter</filter-class>
 *   <async-supported>true</async-supported>
 * </filter>
 * <filter-mapping>
 *   <filter-name>isoprobe</filter-name>
 *   <url-pattern>/*</url-pattern>
 * </filter-mapping>
 * }</pre>
 *
 * <p>Declare it first, so no other filter delays a probe. A bad setting fails the application's
 * start with a {@link ServletException} naming the property.
 *
 * <p>Shutdown: the filter publishes its {@link GracefulShutdown} in the context attribute
 * {@value #SHUTDOWN_ATTRIBUTE}, where a server-level hook finds it and runs it before the
 * connectors stop (Tomcat's {@code ProbeDrainListener}, Jetty's {@code JettyWebapps}): readiness
 * answers 503 {@code draining} for {@code isoprobe.shutdown.drain-delay}, then every probe in
 * flight is answered. When the context stops without that hook (an undeploy), {@link #destroy()}
 * answers the probes in flight and ends the check threads, without the drain delay: by then the
 * container sends the context no new request to answer {@code draining} to.
 */
public final class IsoprobeFilter implements Filter {

  /**
   * The context attribute that holds the application's shutdown: a
   * {@code Supplier<CompletableFuture<Void>>} (JDK types, so a hook in the server's class loader
   * can call it) that starts the sequence and returns its end.
   */
  public static final String SHUTDOWN_ATTRIBUTE = "dev.isoprobe.shutdown";

  private static final Logger log = Loggers.get(IsoprobeFilter.class);

  private ServletContext context;
  private Probes probes;
  private Filter answering;
  private GracefulShutdown shutdown;

  /** Creates the filter; the container calls {@link #init(FilterConfig)} before any request. */
  public IsoprobeFilter() {}

  /**
   * Reads the settings, finds the checks, starts the probes and publishes their shutdown.
   *
   * @throws ServletException naming the property, if a setting is bad or a check provider fails
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    context = config.getServletContext();
    try {
      ModuleProperties.Loaded loaded = ServletProperties.load(initParameters(config));
      ProbesConfig settings = loaded.probes();
      if (!settings.enabled()) {
        log.info("isoprobe: isoprobe.enabled=false, no probe path is served");
        return;
      }
      List<Check> checks = CheckProviders.checks(loaded, context);
      probes = settings.build(settings.builder(checks));
      shutdown = GracefulShutdown.builder(probes).drainDelay(settings.drainDelay())
          .timeout(settings.shutdownTimeout()).build();
      answering = probes.filter();
      Supplier<CompletableFuture<Void>> hook = shutdown::shutdown;
      context.setAttribute(SHUTDOWN_ATTRIBUTE, hook);
      log.info("isoprobe: serving probes of checks {} with {}",
          checks.stream().map(Check::name).toList(), loaded.asMap());
    } catch (IllegalArgumentException | IllegalStateException bad) {
      throw new ServletException("isoprobe: " + bad.getMessage(), bad);
    }
  }

  /** Filter init-params above the context's, as Spring Boot orders them. */
  static Map<String, String> initParameters(FilterConfig config) {
    Map<String, String> parameters = new LinkedHashMap<>(contextParameters(config.getServletContext()));
    for (String name : Collections.list(config.getInitParameterNames())) {
      parameters.put(name, config.getInitParameter(name));
    }
    return parameters;
  }

  static Map<String, String> contextParameters(ServletContext context) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String name : Collections.list(context.getInitParameterNames())) {
      parameters.put(name, context.getInitParameter(name));
    }
    return parameters;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (answering == null) {
      chain.doFilter(request, response);
    } else {
      answering.doFilter(request, response, chain);
    }
  }

  /**
   * Answers the probes in flight and ends the check threads, skipping the drain delay if a
   * server-level hook has not already drained; returns when done, at most the shutdown timeout
   * (plus a second for the hand-over) later.
   */
  @Override
  public void destroy() {
    if (shutdown == null) {
      return;
    }
    context.removeAttribute(SHUTDOWN_ATTRIBUTE);
    shutdown.drain().cancel(/* mayInterruptIfRunning= */ false);
    shutdown.awaitStopped();
  }

  /** The checks of every provider {@link ServiceLoader} finds and of every one named. */
  static final class CheckProviders {

    private CheckProviders() {}

    static List<Check> checks(ModuleProperties.Loaded settings, ServletContext context) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Set<Class<?>> seen = new LinkedHashSet<>();
      List<CheckProvider> providers = new ArrayList<>();
      for (CheckProvider provider : ServiceLoader.load(CheckProvider.class, loader)) {
        if (seen.add(provider.getClass())) {
          providers.add(provider);
        }
      }
      for (String name : settings.names(ServletProperties.CHECK_PROVIDERS)) {
        CheckProvider provider = instantiate(name, loader, settings);
        if (seen.add(provider.getClass())) {
          providers.add(provider);
        }
      }
      List<Check> checks = new ArrayList<>();
      for (CheckProvider provider : providers) {
        checks.addAll(provider.checks(context));
      }
      return checks;
    }

    private static CheckProvider instantiate(String name, ClassLoader loader,
        ModuleProperties.Loaded settings) {
      try {
        Class<?> type = Class.forName(name, true, loader);
        if (!CheckProvider.class.isAssignableFrom(type)) {
          throw settings.refusal(ServletProperties.CHECK_PROVIDERS, "'" + name + "'",
              "a class that implements " + CheckProvider.class.getName(), null);
        }
        return (CheckProvider) type.getConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError unusable) {
        throw settings.refusal(ServletProperties.CHECK_PROVIDERS, "'" + name + "'",
            "a CheckProvider class with a public no-argument constructor; "
            + unusable.getClass().getSimpleName(), unusable);
      }
    }
  }
}
