/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.grpc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.isoprobe.Check;
import dev.isoprobe.CheckContext;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.HealthCheck;
import dev.isoprobe.Probes;
import dev.isoprobe.grpc.GrpcHealth;
import dev.isoprobe.shutdown.GracefulShutdown;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-java server whose {@code grpc.health.v1.Health} is isoprobe's, with a {@code db}
 * readiness check: {@code SELECT 1} on the PostgreSQL that {@code EXAMPLE_DB_URL} names (see
 * {@link PostgresCheck}), which hangs when the database does; without it, a stand-in that
 * {@code POST /admin/hang} on the admin port makes hang and {@code POST /admin/heal} heals.
 * Stops gracefully on SIGTERM: 5 s of draining, then every health call answered, then the server.
 *
 * <pre>{@code
 * java -jar target/isoprobe-example-grpc-app.jar [host] [grpcPort] [adminPort]   # 0.0.0.0 9090 8081
 * }</pre>
 */
public final class GrpcApp implements AutoCloseable {

  static final Duration DRAIN = Duration.ofSeconds(5);
  /** The db check's own deadline, within the probes' 800 ms. */
  static final Duration CHECK_TIMEOUT = Duration.ofMillis(500);

  private final Probes probes;
  private final Server server;
  private final HttpServer admin;
  private final HealthCheck db;
  private final Duration drain;

  /** The app with {@code db} as its readiness check: a {@link PostgresCheck} or a {@link HangableDb}. */
  GrpcApp(String host, int grpcPort, int adminPort, Duration drain, HealthCheck db) throws IOException {
    this.drain = drain;
    this.db = db;
    this.probes = Probes.builder()
        .deadline(Duration.ofMillis(800))                    // below the kubelet's timeoutSeconds: 1
        .check(Check.builder("db", db)
            .groups(Group.READINESS)
            .timeout(CHECK_TIMEOUT)
            .build())
        .build();
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, grpcPort))
        .addService(GrpcHealth.of(probes))
        .build().start();
    this.admin = HttpServer.create(new InetSocketAddress(host, adminPort), 0);
    if (db instanceof HangableDb standIn) {
      admin.createContext("/admin/hang", exchange -> answer(exchange, 200, standIn.hang()));
      admin.createContext("/admin/heal", exchange -> answer(exchange, 200, standIn.heal()));
    } else {
      admin.createContext("/admin/", exchange -> answer(exchange, 409,
          "the db check pings PostgreSQL: freeze the server (kill -STOP) to make it hang\n"));
    }
    admin.start();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  int grpcPort() {
    return server.getPort();
  }

  int adminPort() {
    return admin.getAddress().getPort();
  }

  /** Drains, answers every health call in flight and ends every watch, then stops the server. */
  @Override
  public void close() {
    GracefulShutdown.builder(probes).drainDelay(drain).build().awaitStopped();
    server.shutdown();
    // A hung ping ends with the process anyway; this lets a test's end promptly.
    if (db instanceof HangableDb standIn) {
      standIn.heal();
    } else if (db instanceof PostgresCheck postgres) {
      postgres.close();
    }
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      admin.stop(0);
    }
  }

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "0.0.0.0";
    int grpcPort = args.length > 1 ? Integer.parseInt(args[1]) : 9090;
    int adminPort = args.length > 2 ? Integer.parseInt(args[2]) : 8081;
    Optional<PostgresCheck> postgres;
    try {
      postgres = PostgresCheck.configured(System.getenv(), System.getProperties());
    } catch (IllegalArgumentException bad) {
      System.err.println("grpc-app: " + bad.getMessage());
      System.exit(2);
      return;
    }
    GrpcApp app = new GrpcApp(host, grpcPort, adminPort, DRAIN,
        postgres.<HealthCheck>map(check -> check).orElseGet(HangableDb::new));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        app.close();
      } finally {
        stopped.countDown();
      }
    }, "grpc-app-shutdown"));
    System.out.println("gRPC health on " + host + ":" + app.grpcPort() + ", db check "
        + (postgres.isPresent() ? "on PostgreSQL (" + PostgresCheck.URL + ")"
            : "a stand-in: POST /admin/hang, /admin/heal on port " + app.adminPort()));
    stopped.await();
  }

  /**
   * Stands in for a database when no {@code EXAMPLE_DB_URL} is set: its ping blocks while it is
   * hung, as a frozen one's does.
   */
  static final class HangableDb implements HealthCheck {
    private volatile CountDownLatch hung = new CountDownLatch(0);

    @Override
    public CheckResult check(CheckContext context) throws InterruptedException {
      hung.await();
      return CheckResult.up();
    }

    synchronized String hang() {
      if (hung.getCount() == 0) {
        hung = new CountDownLatch(1);
      }
      return "db hangs\n";
    }

    synchronized String heal() {
      hung.countDown();
      return "db answers\n";
    }
  }
}
