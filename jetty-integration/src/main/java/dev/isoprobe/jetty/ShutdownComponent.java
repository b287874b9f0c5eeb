/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import dev.isoprobe.Probes;
import dev.isoprobe.shutdown.GracefulShutdown;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Ties a {@link GracefulShutdown} to Jetty's stop: it drains when the server starts stopping
 * (a {@link LifeCycle.Listener} on the server, which {@code AbstractLifeCycle.stop()} calls
 * before {@code Server.doStop()} touches the connectors),
 * and stops isoprobe in Jetty's graceful phase ({@link Graceful}, whose future
 * {@code Server.doStop()} waits for, up to the stop timeout, before it stops the connectors).
 */
final class ShutdownComponent extends AbstractLifeCycle implements Graceful {

  private final ContextHandler context;
  private final Probes probes;
  private final Duration drainDelay;
  private volatile Server server;
  private volatile GracefulShutdown shutdown;
  /** Apart from this component: Jetty also adds an event listener to the server as a bean. */
  private final LifeCycle.Listener drainOnStop = new LifeCycle.Listener() {
    @Override
    public void lifeCycleStopping(LifeCycle event) {
      drain();
    }
  };

  /** Validates the arguments now, where the caller can see which call was wrong. */
  static void checkArguments(Probes probes, Duration drainDelay) {
    Objects.requireNonNull(probes, "probes");
    GracefulShutdown.builder(probes).drainDelay(drainDelay);
  }

  /** Adds the component that runs the graceful shutdown sequence as the server stops. */
  static void addTo(ContextHandler context, Probes probes, Duration drainDelay) {
    context.addBean(new ShutdownComponent(context, probes, drainDelay), /* managed= */ true);
  }

  private ShutdownComponent(ContextHandler context, Probes probes, Duration drainDelay) {
    this.context = context;
    this.probes = probes;
    this.drainDelay = drainDelay;
  }

  @Override
  protected void doStart() {
    Server started = context.getServer();
    long stopTimeout = started.getStopTimeout();
    if (stopTimeout <= 0) {
      throw new IllegalStateException("Server.stopTimeout: " + stopTimeout + " (expected: > 0, so "
          + "that Server.stop() answers probes in flight before it closes connectors; "
          + "e.g. server.setStopTimeout(10_000))");
    }
    shutdown = GracefulShutdown.builder(probes)
        .drainDelay(drainDelay)
        .timeout(timeoutWithin(stopTimeout))
        .build();
    server = started;
    started.addEventListener(drainOnStop);
  }

  /**
   * Returns isoprobe's default wait for check threads, cut to half of Jetty's stop timeout when
   * that is shorter: Jetty's own graceful work shares the same budget.
   */
  static Duration timeoutWithin(long stopTimeoutMillis) {
    Duration half = Duration.ofMillis(Math.max(1, stopTimeoutMillis / 2));
    return half.compareTo(Probes.DEFAULT_SHUTDOWN_TIMEOUT) < 0 ? half : Probes.DEFAULT_SHUTDOWN_TIMEOUT;
  }

  private void drain() {
    // Blocks the stopping thread for the drain delay, so the connectors keep serving meanwhile.
    try {
      shutdown.awaitDrained();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public CompletableFuture<Void> shutdown() {
    GracefulShutdown current = shutdown;
    return current == null ? CompletableFuture.completedFuture(null) : current.shutdown();
  }

  @Override
  public boolean isShutdown() {
    GracefulShutdown current = shutdown;
    return current != null && current.isShutdown();
  }

  @Override
  protected void doStop() {
    Server stopped = server;
    if (stopped != null) {
      stopped.removeEventListener(drainOnStop);
    }
    // When the context stops alone, or the server's graceful phase ran out of time, finish here.
    GracefulShutdown current = shutdown;
    if (current != null) {
      current.awaitStopped();
    }
  }
}
