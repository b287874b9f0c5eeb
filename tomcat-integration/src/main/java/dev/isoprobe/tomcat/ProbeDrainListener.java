/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.tomcat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.Server;
import org.apache.catalina.Service;

/**
 * Drains every isoprobe web application of a Tomcat server before Tomcat pauses its connectors.
 * Tomcat stops a service by pausing its connectors first and its web applications after, so no
 * hook inside a web application runs while probes can still arrive; this listener, on the
 * {@link Server} (or one {@link Service}), runs when the server starts stopping:
 *
 * <pre>{@code
 * <!-- conf/server.xml, with isoprobe-tomcat.jar in lib/ -->
 * <Server ...>
 *   <Listener className="dev.isoprobe.tomcat.ProbeDrainListener"/>
 * }</pre>
 *
 * or {@code tomcat.getServer().addLifecycleListener(new ProbeDrainListener())} for an embedded
 * Tomcat. For each context whose isoprobe filter published its shutdown (the context attribute
 * {@value #SHUTDOWN_ATTRIBUTE}), all at once: readiness answers 503 {@code draining} for the
 * application's {@code isoprobe.shutdown.drain-delay} while the connectors serve as before, then
 * every probe in flight is answered. Then Tomcat goes on stopping. Standalone Tomcat runs
 * {@code Server.stop()} on SIGTERM; an embedded one needs a shutdown hook that calls
 * {@code tomcat.stop()}.
 *
 * <p>It depends on no isoprobe class, so the one jar in {@code lib/} serves web applications
 * that each bring their own isoprobe version.
 */
public final class ProbeDrainListener implements LifecycleListener {

  /** The context attribute where isoprobe's filter publishes its shutdown. */
  public static final String SHUTDOWN_ATTRIBUTE = "dev.isoprobe.shutdown";
  /**
   * The longest wait for the applications: isoprobe's drain delay and shutdown timeout are
   * each at most ten minutes.
   */
  static final long MAX_WAIT_MINUTES = 21;

  /** The JDK's logger, which Tomcat routes to its own logging (JULI) as it does java.util.logging. */
  private static final System.Logger log = System.getLogger(ProbeDrainListener.class.getName());

  /** Creates the listener; server.xml names this class. */
  public ProbeDrainListener() {}

  @Override
  public void lifecycleEvent(LifecycleEvent event) {
    if (!Lifecycle.BEFORE_STOP_EVENT.equals(event.getType())) {
      return;
    }
    List<Service> services = new ArrayList<>();
    if (event.getLifecycle() instanceof Server server) {
      services.addAll(List.of(server.findServices()));
    } else if (event.getLifecycle() instanceof Service service) {
      services.add(service);
    }
    List<CompletableFuture<?>> shutdowns = new ArrayList<>();
    for (Service service : services) {
      if (service.getContainer() != null) {
        for (Container host : service.getContainer().findChildren()) {
          for (Container child : host.findChildren()) {
            startShutdown(child, shutdowns);
          }
        }
      }
    }
    awaitAll(shutdowns);
  }

  private static void startShutdown(Container child, List<CompletableFuture<?>> shutdowns) {
    if (!(child instanceof Context context) || context.getServletContext() == null) {
      return;
    }
    Object published = context.getServletContext().getAttribute(SHUTDOWN_ATTRIBUTE);
    Object started = published instanceof Supplier<?> shutdown ? start(context, shutdown) : null;
    if (started instanceof CompletionStage<?> done) {
      shutdowns.add(done.toCompletableFuture());
    } else if (published != null && !(published instanceof Supplier<?>)) {
      log.log(System.Logger.Level.WARNING, "isoprobe: context " + context.getName() + " holds "
          + SHUTDOWN_ATTRIBUTE + " of type " + published.getClass().getName()
          + " (expected: a Supplier of a CompletionStage); its probes are not drained");
    }
  }

  /** Starts one application's shutdown; one that fails keeps no other from draining. */
  private static Object start(Context context, Supplier<?> shutdown) {
    try {
      return shutdown.get();
    } catch (RuntimeException failed) {
      log.log(System.Logger.Level.WARNING, "isoprobe: context " + context.getName()
          + " failed to start its shutdown; its probes are not drained", failed);
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
      // Each application's isoprobe has logged what it could not finish; Tomcat stops anyway.
    }
  }
}
