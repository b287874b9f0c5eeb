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

/**
 * Installs isoprobe in an embedded Jetty 12 (ee10) server with one call:
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
 *       {@code shutting down}) and shuts its executors down, waiting at most half of
 *       {@code Server.getStopTimeout()} for check threads; the other half is left to Jetty's own
 *       graceful work. A check thread that survives is logged once with its stack.
 * </ol>
 *
 * <p>So {@code Server.stop()} takes the drain delay plus at most the stop timeout (plus Jetty's
 * own connector and thread-pool stop). Choose Kubernetes' {@code terminationGracePeriodSeconds}
 * above both.
 */
public final class JettyProbes {

  /** The name of the installed filter. */
  public static final String FILTER_NAME = "isoprobe";

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
    Objects.requireNonNull(probes, "probes");
    // Validates the drain delay now, where the caller can see which call was wrong.
    GracefulShutdown.builder(probes).drainDelay(drainDelay);

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

    context.addBean(new ShutdownComponent(context, probes, drainDelay), /* managed= */ true);
  }
}
