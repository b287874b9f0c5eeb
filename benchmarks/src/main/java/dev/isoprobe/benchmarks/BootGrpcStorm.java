/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC row on Spring Boot 4.1: the storm of {@link GrpcStorm} against
 * {@code examples/spring-boot-grpc} run twice, each in a JVM of its own on 127.0.0.1, side by
 * side in one run: with Boot's own gRPC health ({@code isoprobe.grpc.enabled=false}: a
 * {@code HealthStatusManager} that Boot sets from the health contributors every 5 s on its task
 * scheduler), and with the isoprobe starter's ({@code GrpcHealth}, the app's 800 ms deadline).
 * The app's {@code db} indicator hangs and heals on {@code POST /admin/hang} and
 * {@code /admin/heal}, deaf to interrupts, as a frozen database's driver.
 *
 * <pre>{@code
 * java -cp benchmarks/target/isoprobe-benchmarks.jar dev.isoprobe.benchmarks.BootGrpcStorm \
 *     examples/spring-boot-grpc/target/isoprobe-example-spring-boot-grpc.jar \
 *     [connections 64] [healthySecs 10] [hungSecs 20] [afterSecs 15]
 * }</pre>
 *
 * Prints one markdown row per server; exits 1 if isoprobe gave a wrong answer, or none was judged.
 */
public final class BootGrpcStorm {

  /** The app's isoprobe.timeout. */
  private static final long ISOPROBE_DEADLINE_MS = 800;
  /** Boot's spring.grpc.server.health.schedule.period (and delay) by default. */
  private static final long BOOT_PERIOD_MS = 5_000;
  private static final Duration STARTUP = Duration.ofSeconds(120);

  private BootGrpcStorm() {}

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    long healthyMs = (args.length > 2 ? Integer.parseInt(args[2]) : 10) * 1000L;
    long hungMs = (args.length > 3 ? Integer.parseInt(args[3]) : 20) * 1000L;
    long afterMs = (args.length > 4 ? Integer.parseInt(args[4]) : 15) * 1000L;
    System.out.println("| Boot 4.1 app's gRPC health | calls | SERVING | NOT_SERVING | failed calls"
        + " | judged | wrong | p50 / p99 / max ms (hung) | server threads before / max |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    boolean isoprobeRight = false;
    for (String target : List.of("boot", "isoprobe")) {
      GrpcStorm.Tally tally = storm(jar, target, connections, healthyMs, hungMs, afterMs);
      System.out.println(tally.named(target.equals("isoprobe")
          ? "isoprobe starter (`GrpcHealth`)" : "Boot's own (`HealthStatusManager`, 5 s copy)"));
      if (target.equals("isoprobe")) {
        isoprobeRight = tally.judged.get() > 0 && tally.wrong.get() == 0;
      }
    }
    System.exit(isoprobeRight ? 0 : 1);
  }

  private static GrpcStorm.Tally storm(String jar, String target, int connections,
      long healthyMs, long hungMs, long afterMs) throws Exception {
    int[] ports = freePorts(2);
    int httpPort = ports[0];
    int grpcPort = ports[1];
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx256m", "-jar", jar,
        "--server.address=127.0.0.1", "--server.port=" + httpPort,
        "--spring.grpc.server.address=127.0.0.1", "--spring.grpc.server.port=" + grpcPort,
        "--logging.level.root=WARN"));
    if (target.equals("boot")) {
      command.add("--isoprobe.grpc.enabled=false");
    }
    Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
    forwardToStderr(server);
    HttpClient http = HttpClient.newHttpClient();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort)
        .usePlaintext().build();
    try {
      awaitServing(HealthGrpc.newBlockingStub(channel), server);
      GrpcStorm.Tally tally = new GrpcStorm.Tally(
          target.equals("isoprobe") ? ISOPROBE_DEADLINE_MS : BOOT_PERIOD_MS);
      GrpcStorm.ThreadSampler threads = new GrpcStorm.ThreadSampler(server.pid());
      threads.start();
      long start = System.nanoTime();
      long end = start + TimeUnit.MILLISECONDS.toNanos(healthyMs + hungMs + afterMs);
      List<CountDownLatch> loops = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        CountDownLatch done = new CountDownLatch(1);
        loops.add(done);
        GrpcStorm.call(HealthGrpc.newStub(channel), tally, end, done);
      }
      GrpcStorm.sleepUntil(start, healthyMs);
      tally.threadsBefore = threads.max();
      tally.turn(true);
      post(http, httpPort, "/admin/hang");
      GrpcStorm.sleepUntil(start, healthyMs + hungMs);
      tally.turn(false);
      post(http, httpPort, "/admin/heal");
      for (CountDownLatch done : loops) {
        done.await(GrpcStorm.CALL_DEADLINE_MS * 2 + afterMs, TimeUnit.MILLISECONDS);
      }
      threads.interrupt();
      tally.threadsMax = threads.max();
      return tally;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** The app's log goes to standard error, beside this run's, not into the table. */
  private static void forwardToStderr(Process server) {
    Thread copier = new Thread(() -> {
      try (var in = server.getInputStream()) {
        in.transferTo(System.err);
      } catch (IOException ended) {
        // the app has ended
      }
    }, "app-log");
    copier.setDaemon(true);
    copier.start();
  }

  /** Waits until the app's gRPC server answers {@code Check("")} SERVING. */
  private static void awaitServing(HealthGrpc.HealthBlockingStub health, Process server)
      throws InterruptedException {
    long until = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < until) {
      if (!server.isAlive()) {
        throw new IllegalStateException("the app exited with " + server.exitValue());
      }
      try {
        if (health.withDeadlineAfter(1, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance()).getStatus() == ServingStatus.SERVING) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      TimeUnit.MILLISECONDS.sleep(200); // a polling period while the app starts
    }
    throw new IllegalStateException("the app did not serve within " + STARTUP);
  }

  private static void post(HttpClient http, int port, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
  }

  /** Distinct free loopback ports: each socket held open until all are chosen. */
  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
