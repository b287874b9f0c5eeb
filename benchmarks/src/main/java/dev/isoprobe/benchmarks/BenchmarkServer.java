/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthCheck;
import dev.isoprobe.Probes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server that {@code benchmarks/run.sh} measures: embedded Jetty 12 (ee10) on 127.0.0.1
 * with the isoprobe filter and one readiness check, a servlet writing a constant {@code ok}
 * (the physical limit of a probe answer), and a business servlet.
 *
 * <p>Usage: {@code java -jar isoprobe-benchmarks.jar <port> <mode>}, port 0 for an ephemeral
 * one; once started it prints {@code listening http://127.0.0.1:<port> pid <pid>}. Modes:
 * <ul>
 *   <li>{@code fast}: the readiness check returns up at once;
 *   <li>{@code hung}: the check blocks on a latch nobody counts down (interruptible, so each
 *       execution ends when isoprobe interrupts it at its deadline);
 *   <li>{@code spin}: the check spins on the CPU ignoring interrupts and its token, until the
 *       JVM exits: it is stuck after its first deadline;
 *   <li>{@code nofilter}: the same server without the filter, for the non-probe overhead.
 * </ul>
 */
public final class BenchmarkServer {

  /** What {@code /const-ok} writes: the same bytes and headers as a probe answering up. */
  static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);
  /** What {@code /business} writes: a small constant body, as cheap as the container allows. */
  static final byte[] BUSINESS = "business ok\n".getBytes(StandardCharsets.UTF_8);
  /**
   * Jetty's threads, fixed (min = max) so that the JVM thread count during a storm shows
   * isoprobe's threads, not the container pool growing and idling out on its own schedule.
   */
  static final int JETTY_THREADS = 64;

  /** Cleared only by the JVM shutdown hook: bounds the {@code spin} check to the process. */
  private static volatile boolean spinning = true;

  private BenchmarkServer() {}

  /** Starts the server; exits with status 2 and a usage line on bad arguments. */
  public static void main(String[] args) throws Exception {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      // Timeout warnings would otherwise print a stack per storm; the benchmark measures, it does not log.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    Mode mode;
    int port;
    try {
      if (args.length != 2) {
        throw new IllegalArgumentException("expected 2 arguments, got " + args.length);
      }
      port = port(args[0]);
      mode = Mode.parse(args[1]);
    } catch (IllegalArgumentException bad) {
      System.err.println("usage: BenchmarkServer <port 0-65535> <fast|hung|spin|nofilter>: "
          + bad.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> spinning = false, "bench-unspin"));
    Server server = start(port, mode);
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    System.out.println("listening http://127.0.0.1:" + connector.getLocalPort()
        + " pid " + ProcessHandle.current().pid() + " mode " + mode.name().toLowerCase(Locale.ROOT));
    server.join();
  }

  /** Starts the server on 127.0.0.1; the caller stops it. */
  static Server start(int port, Mode mode) throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(JETTY_THREADS, JETTY_THREADS);
    pool.setName("bench-jetty");
    Server server = new Server(pool);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler("/");
    if (mode != Mode.NOFILTER) {
      Probes probes = Probes.builder()
          // /healthz then runs exactly the one check of the scenario, not the deadlock check too.
          .deadlockCheck(false)
          .check(Check.builder("dependency", mode.check()).build())
          .build();
      FilterHolder filter = new FilterHolder(probes.filter());
      filter.setAsyncSupported(true);
      context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
      server.addEventListener(new LifeCycle.Listener() {
        @Override
        public void lifeCycleStopped(LifeCycle event) {
          probes.close();
        }
      });
    }
    context.addServlet(new ServletHolder(new ConstantServlet(OK)), "/const-ok");
    context.addServlet(new ServletHolder(new ConstantServlet(BUSINESS)), "/business");
    server.setHandler(context);
    server.setStopAtShutdown(true);
    server.start();
    return server;
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port: " + text + " (expected: 0 to 65535)");
      }
      return port;
    } catch (NumberFormatException notNumber) {
      throw new IllegalArgumentException("port: '" + text + "' (expected: 0 to 65535)");
    }
  }

  /** What the readiness check does, and whether the filter is installed at all. */
  enum Mode {
    FAST, HUNG, SPIN, NOFILTER;

    static Mode parse(String text) {
      for (Mode mode : values()) {
        if (mode.name().equalsIgnoreCase(text)) {
          return mode;
        }
      }
      throw new IllegalArgumentException("mode: '" + text + "' (expected: fast, hung, spin or nofilter)");
    }

    HealthCheck check() {
      switch (this) {
        case HUNG:
          CountDownLatch never = new CountDownLatch(1);
          return context -> {
            never.await();
            return CheckResult.up();
          };
        case SPIN:
          return context -> {
            long spins = 0;
            while (spinning) {
              spins++; // ignores the token and the interrupt on purpose
            }
            return CheckResult.up(Map.of("spins", spins));
          };
        default:
          return context -> CheckResult.up();
      }
    }
  }

  /** Writes a constant text body with the headers of a probe answer. */
  static final class ConstantServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient byte[] body;

    ConstantServlet(byte[] body) {
      this.body = body.clone();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType("text/plain;charset=utf-8");
      response.setHeader("Cache-Control", "no-store");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }
}
