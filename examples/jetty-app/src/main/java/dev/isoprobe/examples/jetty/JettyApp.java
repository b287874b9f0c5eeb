/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.jetty;

import dev.isoprobe.Check;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import dev.isoprobe.ProbesConfig;
import dev.isoprobe.jetty.JettyProbes;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty 12 app with isoprobe: {@code /hello} is the business endpoint, {@code db} a
 * readiness check that can be told to hang, and SIGTERM stops it gracefully.
 *
 * <p>isoprobe's settings are its {@code isoprobe.*} properties, read by the core's
 * {@code ProbesConfig.load}: {@code ISOPROBE_TIMEOUT} (800ms), {@code ISOPROBE_SHUTDOWN_DRAINDELAY}
 * (0), {@code ISOPROBE_CHECKS_DB_TIMEOUT}, ..., or the same keys as system properties or in an
 * {@code isoprobe.properties} (see docs/configuration.md); the shutdown's timeout is half of
 * {@code STOP_TIMEOUT_MS}, as {@code JettyProbes} gives it.
 *
 * <p>Environment: {@code PORT} (8080), {@code HOST} (0.0.0.0), {@code STOP_TIMEOUT_MS} (10000),
 * {@code EXAMPLE_CHECK_MS} (how long
 * the check takes, 0), {@code EXAMPLE_HANG} or {@code -Dexample.hang=true} (start hung),
 * {@code EXAMPLE_CHECK_MODE} ({@code block}: a hung check blocks until interrupted or healed;
 * {@code spin}: it spins on a CPU ignoring interrupts until healed; {@code cycle}: healthy,
 * blocked, spinning, each for {@code EXAMPLE_CYCLE_MS}, 10000), {@code JETTY_HEADER_CACHE_SIZE}
 * (1024, Jetty's default; each connection's parser holds a cache of that many entries, about
 * 96 KiB: lower it when the server holds many thousands of connections), {@code
 * JETTY_MAX_THREADS} (200, Jetty's default). At run time:
 * {@code POST /admin/hang}, {@code POST /admin/heal}, {@code GET /admin/stats}.
 */
public final class JettyApp {

  private JettyApp() {}

  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.from(System.getenv(), System.getProperties(), ProbesConfig.load(Map.of()));
    } catch (IllegalArgumentException bad) {
      System.err.println("jetty-app: " + bad.getMessage());
      System.exit(2);
      return;
    }
    Server server = start(settings);
    ServerConnector connector = (ServerConnector) server.getConnectors()[0];
    System.out.println("jetty-app listening on http://" + settings.host() + ":" + connector.getLocalPort()
        + " (check db " + (settings.hang() ? "hanging" : "healthy") + ", mode "
        + settings.mode().name().toLowerCase(Locale.ROOT) + ")");
    server.join();
  }

  static Server start(Settings settings) throws Exception {
    DbCheck db = new DbCheck(settings.checkMillis(), settings.hang(), settings.mode(),
        settings.cycleMillis(), System::nanoTime);
    Probes probes = settings.probes()
        .builder(List.of(Check.builder("db", db).groups(Group.READINESS).build()))
        .build();

    QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads());
    threads.setName("jetty");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setHeaderCacheSize(settings.headerCacheSize());
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    server.addConnector(connector);
    server.setStopTimeout(settings.stopTimeoutMillis());
    // SIGTERM (docker stop, kubelet) runs Server.stop(), and so isoprobe's graceful shutdown.
    server.setStopAtShutdown(true);

    ServletContextHandler context = new ServletContextHandler("/");
    JettyProbes.install(context, probes, settings.probes().drainDelay());
    context.addServlet(new ServletHolder(new Hello()), "/hello");
    StatisticsHandler statistics = new StatisticsHandler(context);
    context.addServlet(new ServletHolder(new Admin(db, statistics)), "/admin/*");
    server.setHandler(statistics);
    server.start();
    return server;
  }

  private static void text(HttpServletResponse response, int status, String body) throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain;charset=utf-8");
    response.getWriter().write(body);
  }

  /** The business endpoint. */
  private static final class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      text(response, 200, "hello\n");
    }
  }

  /** Switches the check, and shows how many requests are being handled. */
  private static final class Admin extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient DbCheck db;
    private final transient StatisticsHandler statistics;

    Admin(DbCheck db, StatisticsHandler statistics) {
      this.db = db;
      this.statistics = statistics;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
      switch (String.valueOf(request.getPathInfo())) {
        case "/hang" -> {
          db.hang();
          text(response, 200, "db hangs\n");
        }
        case "/heal" -> {
          db.heal();
          text(response, 200, "db healthy\n");
        }
        default -> text(response, 404, "POST /admin/hang or /admin/heal\n");
      }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
      if (!"/stats".equals(request.getPathInfo())) {
        text(response, 404, "GET /admin/stats\n");
        return;
      }
      // This request counts itself as active.
      text(response, 200, "db " + (db.hanging() ? "hanging" : "healthy")
          + "\nrequestsActive " + statistics.getRequestsActive() + "\n");
    }
  }
}
