package dev.isoprobe.examples.grpc;

import com.sun.net.httpserver.HttpServer;
import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import dev.isoprobe.grpc.GrpcHealth;
import dev.isoprobe.shutdown.GracefulShutdown;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-java server whose {@code grpc.health.v1.Health} is isoprobe's, with a {@code db}
 * readiness check that {@code POST /admin/hang} on the admin port makes hang (as a database that
 * stops answering does) and {@code POST /admin/heal} heals. Stops gracefully on SIGTERM: 5 s of
 * draining, then every health call answered, then the server.
 *
 * <pre>{@code
 * java -jar target/isoprobe-example-grpc-app.jar [host] [grpcPort] [adminPort]   # 0.0.0.0 9090 8081
 * }</pre>
 */
public final class GrpcApp implements AutoCloseable {

  static final Duration DRAIN = Duration.ofSeconds(5);

  private final Probes probes;
  private final Server server;
  private final HttpServer admin;
  private final HangableDb db = new HangableDb();
  private final Duration drain;

  GrpcApp(String host, int grpcPort, int adminPort, Duration drain) throws IOException {
    this.drain = drain;
    this.probes = Probes.builder()
        .deadline(Duration.ofMillis(800))                    // below the kubelet's timeoutSeconds: 1
        .check(Check.builder("db", ctx -> db.ping() ? CheckResult.up() : CheckResult.down())
            .groups(Group.READINESS)
            .timeout(Duration.ofMillis(500))
            .build())
        .build();
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, grpcPort))
        .addService(GrpcHealth.of(probes))
        .build().start();
    this.admin = HttpServer.create(new InetSocketAddress(host, adminPort), 0);
    admin.createContext("/admin/hang", exchange -> answer(exchange, db.hang()));
    admin.createContext("/admin/heal", exchange -> answer(exchange, db.heal()));
    admin.start();
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
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
    db.heal(); // a hung ping ends with the process anyway; this lets the test's end promptly
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
    GrpcApp app = new GrpcApp(host, grpcPort, adminPort, DRAIN);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        app.close();
      } finally {
        stopped.countDown();
      }
    }, "grpc-app-shutdown"));
    System.out.println("gRPC health on " + host + ":" + app.grpcPort() + ", admin on port "
        + app.adminPort() + " (POST /admin/hang, /admin/heal)");
    stopped.await();
  }

  /** Stands in for a database: its ping blocks while it is hung, as a frozen one's does. */
  static final class HangableDb {
    private volatile CountDownLatch hung = new CountDownLatch(0);

    boolean ping() throws InterruptedException {
      hung.await();
      return true;
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
