/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.shutdown.GracefulShutdown;
import jakarta.servlet.ServletContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.util.ClassUtils;

/**
 * Orders isoprobe's shutdown against the web server's:
 * <ol>
 *   <li>when the context starts closing ({@link ContextClosedEvent}, before any lifecycle bean
 *       stops), readiness answers 503 {@code draining} for the drain delay;
 *   <li>in the phase just before the web server's graceful shutdown, probes in flight are
 *       answered and the probe executor is stopped, so the server's graceful wait never waits
 *       for a probe and no probe is cut off by the closing connector.
 * </ol>
 *
 * <p>Deployed as a WAR, the container owns the connectors and stops them before the context
 * closes, so the drain cannot wait for the close: the shutdown is published in the servlet
 * context attribute {@value #SHUTDOWN_ATTRIBUTE}, as {@code IsoprobeFilter} publishes it, for a
 * server-level hook (Tomcat's {@code ProbeDrainListener}, Jetty's {@code JettyWebapps}) to run
 * before the connectors stop. When the context closes without that hook having run (an undeploy,
 * or no hook installed), the drain delay is skipped, as no new probe can reach the application by
 * then, and the probes in flight are answered.
 */
final class ProbesLifecycle implements SmartLifecycle, ApplicationListener<ContextClosedEvent>,
    ServletContextInitializer {

  /**
   * Stops before {@code WebServerGracefulShutdownLifecycle} (higher phases stop first), and so
   * before the web server itself, which stops in a lower phase still.
   */
  static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
  /**
   * The servlet context attribute where a WAR publishes its shutdown, a
   * {@code Supplier<CompletableFuture<Void>>}: the one that {@code IsoprobeFilter},
   * {@code ProbeDrainListener} and {@code JettyWebapps} name.
   */
  static final String SHUTDOWN_ATTRIBUTE = "dev.isoprobe.shutdown";

  /** Whether Boot's web server module is there; a WAR may well leave it out. */
  private static final boolean WEB_SERVER_PRESENT = ClassUtils.isPresent(
      "org.springframework.boot.web.server.context.WebServerApplicationContext",
      ProbesLifecycle.class.getClassLoader());

  private final GracefulShutdown shutdown;
  private final ApplicationContext context;
  private volatile ServletContext servletContext;
  /** The container's servlet context when deployed as a WAR and published there, else null. */
  private volatile ServletContext published;
  private volatile boolean running;

  ProbesLifecycle(GracefulShutdown shutdown, ApplicationContext context) {
    this.shutdown = shutdown;
    this.context = context;
  }

  /** Remembers the servlet context: the container's in a WAR, the embedded server's otherwise. */
  @Override
  public void onStartup(ServletContext servletContext) {
    if (this.servletContext == null) {
      this.servletContext = servletContext;
    }
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    // A child context's close event reaches its parent's listeners too: only ours drains.
    if (event.getApplicationContext() != context) {
      return;
    }
    if (published != null) {
      withdraw();
      if (!shutdown.isShutdown()) {
        // No server-level hook drained: the container no longer routes probes here.
        shutdown.drain().cancel(/* mayInterruptIfRunning= */ false);
      }
      return;
    }
    try {
      shutdown.awaitDrained(); // holds the close while endpoints catch up
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running = true;
    ServletContext container = servletContext;
    // A servlet context, yet no web server of Boot's own: deployed as a WAR.
    if (container != null && !(WEB_SERVER_PRESENT && EmbeddedServer.runs(context))) {
      Supplier<CompletableFuture<Void>> hook = shutdown::shutdown;
      container.setAttribute(SHUTDOWN_ATTRIBUTE, hook);
      published = container;
    }
  }

  @Override
  public void stop() {
    withdraw();
    shutdown.awaitStopped();
    running = false;
  }

  /**
   * Stops the probes now, for a server that stops ahead of this lifecycle's phase (Spring gRPC's,
   * in the last phase): drains first unless the context's close already did, answers every probe
   * in flight, and waits for that, at most the drain delay plus the timeout.
   */
  void stopProbes() {
    shutdown.awaitStopped();
  }

  private void withdraw() {
    ServletContext container = published;
    if (container != null) {
      container.removeAttribute(SHUTDOWN_ATTRIBUTE);
    }
  }

  /** Loaded only when Boot's web server module is there. */
  private static final class EmbeddedServer {
    private EmbeddedServer() {}

    static boolean runs(ApplicationContext context) {
      return context instanceof WebServerApplicationContext web && web.getWebServer() != null;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
