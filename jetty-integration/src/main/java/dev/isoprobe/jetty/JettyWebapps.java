/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown for web applications that declare isoprobe's filter themselves
 * ({@code web.xml} with {@code dev.isoprobe.servlet.IsoprobeFilter}, in a {@code WebAppContext}
 * of any EE version), where {@link JettyProbes#install} is not the way in:
 *
 * <pre>{@code
 * server.setStopAtShutdown(true);        // SIGTERM runs Server.stop()
 * JettyWebapps.drainOnStop(server);
 * }</pre>
 *
 * <p>When the server starts stopping, before Jetty touches a connector, every context whose
 * isoprobe filter published its shutdown (the attribute {@value #SHUTDOWN_ATTRIBUTE}) drains
 * at once: readiness answers 503 {@code draining} for its {@code isoprobe.shutdown.drain-delay}
 * while everything else is served, then every probe in flight is answered. Then Jetty goes on
 * stopping.
 */
public final class JettyWebapps {

  /** The context attribute where isoprobe's filter publishes its shutdown. */
  public static final String SHUTDOWN_ATTRIBUTE = "dev.isoprobe.shutdown";
  /** The longest wait: isoprobe's drain delay and shutdown timeout are each at most ten minutes. */
  static final long MAX_WAIT_MINUTES = 21;

  private static final Logger log = LoggerFactory.getLogger(JettyWebapps.class);

  private JettyWebapps() {}

  /** Drains every isoprobe web application of {@code server} when it starts stopping. */
  public static void drainOnStop(Server server) {
    Objects.requireNonNull(server, "server");
    server.addEventListener(new LifeCycle.Listener() {
      @Override
      public void lifeCycleStopping(LifeCycle event) {
        // Blocks the stopping thread, so the connectors keep serving meanwhile.
        drain(server);
      }
    });
  }

  private static void drain(Server server) {
    List<CompletableFuture<?>> shutdowns = new ArrayList<>();
    for (ContextHandler context : server.getContainedBeans(ContextHandler.class)) {
      Object published = context.getContext().getAttribute(SHUTDOWN_ATTRIBUTE);
      Object started = published instanceof Supplier<?> shutdown ? start(context, shutdown) : null;
      if (started instanceof CompletionStage<?> done) {
        shutdowns.add(done.toCompletableFuture());
      } else if (published != null && !(published instanceof Supplier<?>)) {
        log.warn("isoprobe: context {} holds {} of type {} (expected: a Supplier of a "
            + "CompletionStage); its probes are not drained", context.getContextPath(),
            SHUTDOWN_ATTRIBUTE, published.getClass().getName());
      }
    }
    awaitAll(shutdowns);
  }

  /** Starts one application's shutdown; one that fails keeps no other from draining. */
  private static Object start(ContextHandler context, Supplier<?> shutdown) {
    try {
      return shutdown.get();
    } catch (RuntimeException failed) {
      log.warn("isoprobe: context {} failed to start its shutdown; its probes are not drained",
          context.getContextPath(), failed);
      return null;
    }
  }

  private static void awaitAll(List<CompletableFuture<?>> shutdowns) {
    try {
      CompletableFuture.allOf(shutdowns.toArray(new CompletableFuture<?>[0]))
          .get(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException notFinished) {
      // Each application's isoprobe has logged what it could not finish; Jetty stops anyway.
    }
  }
}
