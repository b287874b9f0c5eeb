/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import dev.isoprobe.Probes;
import dev.isoprobe.shutdown.GracefulShutdown;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Installs isoprobe in an embedded Jetty 12.1 (ee10) server with one call ({@link JettyEe11Probes}
 * does the same for an ee11 context):
 *
 * <pre>{@code
 * Server server = new Server(8080);
 * server.setStopTimeout(10_000);          // Jetty runs graceful shutdown only when > 0
 * server.setStopAtShutdown(true);         // SIGTERM runs Server.stop()
 * ServletContextHandler context = new ServletContextHandler("/");
 * JettyProbes.install(context, probes, Duration.ofSeconds(5));
 * server.setHandler(context);
 * server.start();
 * }</pre>
 *
 * <p>{@code Server.stop()} (and so SIGTERM with {@code setStopAtShutdown(true)}) then runs the
 * {@link GracefulShutdown} sequence:
 *
 * <ol>
 *   <li>When the server starts stopping, before Jetty touches any connector: readiness answers
 *       503 {@code draining} for the drain delay while liveness, startup and the application
 *       are served as before, so load balancers and Kubernetes endpoints stop sending traffic.
 *   <li>Then Jetty's graceful phase, which Jetty runs before it closes the connectors: isoprobe
 *       stops starting checks, answers every probe in flight (its result, or 503
 *       {@code shutting down}) and shuts its executors down, waiting
 *       {@link Probes#DEFAULT_SHUTDOWN_TIMEOUT} for check threads, or half of
 *       {@code Server.getStopTimeout()} if that is shorter: the other half is Jetty's own
 *       graceful work's. A check thread that survives is logged once with its stack.
 * </ol>
 *
 * <p>So {@code Server.stop()} takes the drain delay plus at most the stop timeout (plus Jetty's
 * own connector and thread-pool stop). Choose Kubernetes' {@code terminationGracePeriodSeconds}
 * above both.
 */
public final class JettyProbes {

  /** The name of the installed filter. */
  public static final String FILTER_NAME = "isoprobe";
  /** The name of the connector {@link #addProbeConnector} adds. */
  public static final String PROBE_CONNECTOR_NAME = "isoprobe-probes";
  /** Threads of the probe connector's own pool: one acceptor, one selector, the rest handle requests. */
  static final int PROBE_CONNECTOR_THREADS = 8;

  private JettyProbes() {}

  /**
   * Installs {@code probes} in {@code context} with no drain delay; see
   * {@link #install(ServletContextHandler, Probes, Duration)}.
   */
  public static void install(ServletContextHandler context, Probes probes) {
    install(context, probes, Duration.ZERO);
  }

  /**
   * Adds the probe filter to {@code context} for {@code /*}, async-supported and ahead of every
   * filter already there (so no other filter can delay a probe), and a component that runs the
   * graceful shutdown sequence when the server stops. The server must have a stop timeout
   * above zero when it starts, or Jetty would close connectors without a graceful phase and cut
   * off probes in flight: starting then fails with an {@link IllegalStateException} naming
   * {@code Server.stopTimeout}.
   *
   * @param drainDelay how long readiness answers 503 {@code draining} before anything stops
   * @throws IllegalArgumentException if drainDelay is negative or longer than ten minutes
   * @throws NullPointerException if an argument is null
   */
  public static void install(ServletContextHandler context, Probes probes, Duration drainDelay) {
    Objects.requireNonNull(context, "context");
    ShutdownComponent.checkArguments(probes, drainDelay);
    FilterHolder holder = new FilterHolder(probes.filter());
    holder.setName(FILTER_NAME);
    holder.setAsyncSupported(true);
    FilterMapping mapping = new FilterMapping();
    mapping.setFilterName(FILTER_NAME);
    mapping.setPathSpec("/*");
    mapping.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
    ServletHandler servlets = context.getServletHandler();
    servlets.prependFilter(holder);
    servlets.prependFilterMapping(mapping);
    ShutdownComponent.addTo(context, probes, drainDelay);
  }

  /**
   * Adds a connector for probes on its own port, with its own acceptor, selector and a small
   * thread pool of its own ({@value #PROBE_CONNECTOR_THREADS} threads, named
   * {@code probe-connector-*}), so probes are accepted, read and answered even when the
   * application's connector or thread pool is saturated: every application thread busy, the
   * accept queue full. isoprobe already keeps checks off container threads; this keeps the
   * <em>probe requests</em> off them too.
   *
   * <p>When to use it: when the application's own traffic can saturate the server (long
   * synchronous requests, a small pool, traffic spikes) and a liveness probe that cannot get a
   * thread would restart a pod that is only busy. Point the kubelet's probes (and, if you like,
   * the load balancer's health check) at this port. It is not an access control: it serves the
   * same handlers as the application, so expose it only where probes come from. Not needed
   * when the application's pool has headroom; it costs two always-busy threads (acceptor and
   * selector) and a port.
   *
   * @param host the interface to bind, e.g. {@code "0.0.0.0"}; null binds every interface
   * @param port the port, 0 for an ephemeral one (read it with {@code getLocalPort()} after start)
   * @return the added connector, not yet started (it starts with the server)
   * @throws IllegalArgumentException if port is not between 0 and 65535
   */
  public static ServerConnector addProbeConnector(Server server, String host, int port) {
    Objects.requireNonNull(server, "server");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
    }
    QueuedThreadPool pool = new QueuedThreadPool(PROBE_CONNECTOR_THREADS, 2);
    pool.setName("probe-connector");
    // No reserved threads: they would take the pool's few threads away from probes.
    pool.setReservedThreads(0);
    ServerConnector connector = new ServerConnector(server, pool, /* scheduler= */ null,
        /* bufferPool= */ null, /* acceptors= */ 1, /* selectors= */ 1, new HttpConnectionFactory());
    connector.setName(PROBE_CONNECTOR_NAME);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    return connector;
  }
}
