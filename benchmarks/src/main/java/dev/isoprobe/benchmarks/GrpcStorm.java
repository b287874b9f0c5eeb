/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import dev.isoprobe.grpc.GrpcHealth;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scenario suite's gRPC row: a storm of {@code grpc.health.v1.Health/Check} calls on a
 * grpc-java server whose database hangs, against two servers in one run, each in a JVM of its
 * own on 127.0.0.1: isoprobe's {@link GrpcHealth}, and grpc-java's {@link HealthStatusManager}
 * set by a poller every second, as its Javadoc suggests and as services use it. Every answer is
 * judged: {@code SERVING} while the database answers, {@code NOT_SERVING} while it hangs, but for
 * a window after each turn (the deadline, or the poll period, plus a second); calls in that window
 * are counted apart, not judged.
 *
 * <pre>{@code
 * java -cp benchmarks/target/isoprobe-benchmarks.jar dev.isoprobe.benchmarks.GrpcStorm \
 *     [connections 64] [healthySecs 5] [hungSecs 15] [afterSecs 5]
 * }</pre>
 *
 * Prints one markdown row per server; exits 1 if isoprobe gave a wrong answer, or none was judged.
 */
public final class GrpcStorm {

  private static final Duration DEADLINE = Duration.ofMillis(800);
  private static final Duration POLL = Duration.ofSeconds(1);
  /** The kubelet's {@code timeoutSeconds: 1}: the client's gRPC deadline on each call. */
  static final long CALL_DEADLINE_MS = 1_000;
  /** After a turn, answers are not judged for this long beyond the deadline or poll period. */
  private static final long TURN_MS = 1_000;

  private GrpcStorm() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("serve")) {
      serve(args[1]);
      return;
    }
    int connections = intArg(args, 0, 64);
    long healthyMs = intArg(args, 1, 5) * 1000L;
    long hungMs = intArg(args, 2, 15) * 1000L;
    long afterMs = intArg(args, 3, 5) * 1000L;
    System.out.println("| server | calls | SERVING | NOT_SERVING | failed calls | judged | wrong"
        + " | p50 / p99 / max ms (hung) | server threads before / max |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    boolean isoprobeRight = false;
    for (String target : List.of("isoprobe", "hsm")) {
      Tally tally = storm(target, connections, healthyMs, hungMs, afterMs);
      System.out.println(tally.row(target));
      if (target.equals("isoprobe")) {
        isoprobeRight = tally.judged.get() > 0 && tally.wrong.get() == 0;
      }
    }
    System.exit(isoprobeRight ? 0 : 1);
  }

  private static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }

  // --- the server, in its own JVM: "hang" and "heal" on standard input --------------------------

  private static void serve(String target) throws Exception {
    HangableDb db = new HangableDb();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(target.equals("isoprobe") ? isoprobe(db) : statusManager(db))
        .build().start();
    System.out.println("port " + server.getPort());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.equals("hang")) {
        db.hang();
      } else if (line.equals("heal")) {
        db.heal();
      }
      System.out.println("ok " + line);
    }
    db.heal();
    System.exit(0); // the end of standard input: the storm is over
  }

  private static BindableService isoprobe(HangableDb db) {
    Probes probes = Probes.builder()
        .deadline(DEADLINE)
        .check(Check.builder("db", ctx -> db.ping() ? CheckResult.up() : CheckResult.down())
            .groups(Group.READINESS)
            .timeout(Duration.ofMillis(500))
            .build())
        .build();
    return GrpcHealth.of(probes);
  }

  /** The baseline: the status board grpc-java ships, set by the application's own poller. */
  private static BindableService statusManager(HangableDb db) {
    HealthStatusManager health = new HealthStatusManager();
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    poller.scheduleWithFixedDelay(() -> {
      ServingStatus status;
      try {
        status = db.ping() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
      } catch (InterruptedException | RuntimeException failed) {
        status = ServingStatus.NOT_SERVING;
      }
      health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    }, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    return health.getHealthService();
  }

  /** Stands in for a database: its ping blocks while it is hung, as a frozen one's does. */
  private static final class HangableDb {
    private volatile CountDownLatch hung = new CountDownLatch(0);

    boolean ping() throws InterruptedException {
      hung.await();
      return true;
    }

    synchronized void hang() {
      if (hung.getCount() == 0) {
        hung = new CountDownLatch(1);
      }
    }

    synchronized void heal() {
      hung.countDown();
    }
  }

  // --- the storm, in this JVM -------------------------------------------------------------------

  private static Tally storm(String target, int connections, long healthyMs, long hungMs,
      long afterMs) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-cp",
        System.getProperty("java.class.path"), GrpcStorm.class.getName(), "serve", target)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      int port = Integer.parseInt(out.readLine().substring("port ".length()));
      Writer control = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      // Connected before the storm: on a loaded machine, connecting alone can outlast the first
      // calls' 1 s deadline, which would count against the server a failure of the client's.
      HealthGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
          .check(HealthCheckRequest.getDefaultInstance());
      Tally tally = new Tally(target.equals("isoprobe") ? DEADLINE.toMillis() : POLL.toMillis());
      ThreadSampler threads = new ThreadSampler(server.pid());
      threads.start();
      long start = System.nanoTime();
      long end = start + TimeUnit.MILLISECONDS.toNanos(healthyMs + hungMs + afterMs);
      List<CountDownLatch> loops = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        CountDownLatch done = new CountDownLatch(1);
        loops.add(done);
        call(HealthGrpc.newStub(channel), tally, end, done);
      }
      sleepUntil(start, healthyMs);
      tally.threadsBefore = threads.max();
      tally.turn(true);
      send(control, "hang", out);
      sleepUntil(start, healthyMs + hungMs);
      tally.turn(false);
      send(control, "heal", out);
      for (CountDownLatch done : loops) {
        done.await(CALL_DEADLINE_MS * 2 + afterMs, TimeUnit.MILLISECONDS);
      }
      threads.interrupt();
      tally.threadsMax = threads.max();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      control.close();
      return tally;
    } finally {
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  /** One connection's loop: a call, its answer judged, the next call, until {@code end}. */
  static void call(HealthGrpc.HealthStub stub, Tally tally, long end, CountDownLatch done) {
    if (System.nanoTime() >= end) {
      done.countDown();
      return;
    }
    long sent = System.nanoTime();
    stub.withDeadlineAfter(CALL_DEADLINE_MS, TimeUnit.MILLISECONDS)
        .check(HealthCheckRequest.getDefaultInstance(), new StreamObserver<HealthCheckResponse>() {
          @Override
          public void onNext(HealthCheckResponse response) {
            tally.answered(sent, response.getStatus());
          }

          @Override
          public void onError(Throwable failed) {
            tally.failed(sent);
            call(stub, tally, end, done);
          }

          @Override
          public void onCompleted() {
            call(stub, tally, end, done);
          }
        });
  }

  private static void send(Writer control, String command, BufferedReader out) throws Exception {
    control.write(command + "\n");
    control.flush();
    String ack = out.readLine();
    if (!("ok " + command).equals(ack)) {
      throw new IllegalStateException("server answered " + ack + " to " + command);
    }
  }

  static void sleepUntil(long start, long afterMs) throws InterruptedException {
    long left = start + TimeUnit.MILLISECONDS.toNanos(afterMs) - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left); // a phase of the load, not synchronisation
    }
  }

  /** What the storm saw: every answer counted, and judged outside the window after each turn. */
  static final class Tally {
    private final long windowNanos;
    private final AtomicInteger serving = new AtomicInteger();
    private final AtomicInteger notServing = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger judged = new AtomicInteger();
    final AtomicInteger wrong = new AtomicInteger();
    private final List<Long> hungLatencies = new ArrayList<>();
    private volatile boolean hung;
    private volatile long turnedAt;
    volatile int threadsBefore;
    volatile int threadsMax;

    Tally(long settleMs) {
      this.windowNanos = TimeUnit.MILLISECONDS.toNanos(settleMs + TURN_MS);
      this.turnedAt = System.nanoTime() - windowNanos; // healthy from the first call
    }

    void turn(boolean hangs) {
      turnedAt = System.nanoTime();
      hung = hangs;
    }

    void answered(long sent, ServingStatus status) {
      (status == ServingStatus.SERVING ? serving : notServing).incrementAndGet();
      judge(sent, status == ServingStatus.SERVING);
    }

    void failed(long sent) {
      failed.incrementAndGet();
      judge(sent, null);
    }

    /** A failed call is wrong: the kubelet counts it as a failure while the server is healthy. */
    private void judge(long sent, Boolean serving) {
      long now = System.nanoTime();
      boolean isHung = hung;
      if (isHung) {
        synchronized (hungLatencies) {
          hungLatencies.add(now - sent);
        }
      }
      if (sent - turnedAt < windowNanos) {
        return;
      }
      judged.incrementAndGet();
      if (serving == null || serving == isHung) {
        wrong.incrementAndGet();
      }
    }

    String row(String target) {
      return named(target.equals("isoprobe") ? "isoprobe `GrpcHealth`"
          : "grpc-java `HealthStatusManager`");
    }

    /** One markdown row, the server named as given. */
    String named(String server) {
      long[] hungMs;
      synchronized (hungLatencies) {
        hungMs = hungLatencies.stream().mapToLong(TimeUnit.NANOSECONDS::toMillis).sorted().toArray();
      }
      return String.format("| %s | %,d | %,d | %,d | %,d | %,d | %,d | %s | %d / %d |",
          server,
          serving.get() + notServing.get() + failed.get(), serving.get(), notServing.get(),
          failed.get(), judged.get(), wrong.get(), percentiles(hungMs), threadsBefore, threadsMax);
    }

    private static String percentiles(long[] sorted) {
      if (sorted.length == 0) {
        return "none answered";
      }
      return sorted[sorted.length / 2] + " / " + sorted[(int) (sorted.length * 0.99)] + " / "
          + sorted[sorted.length - 1];
    }
  }

  /** Samples the server's thread count from {@code /proc} every 100 ms. */
  static final class ThreadSampler extends Thread {
    private volatile int maxSeen;
    private final Path status;

    ThreadSampler(long pid) {
      super("thread-sampler");
      setDaemon(true);
      this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    int max() {
      return maxSeen;
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        try {
          int threads = Files.readAllLines(status).stream().filter(l -> l.startsWith("Threads:"))
              .mapToInt(l -> Integer.parseInt(l.substring("Threads:".length()).trim()))
              .findFirst().orElse(0);
          maxSeen = Math.max(maxSeen, threads);
          Thread.sleep(100); // a sampling period
        } catch (InterruptedException stopped) {
          return;
        } catch (IOException | RuntimeException gone) {
          return; // the server has ended
        }
      }
    }
  }
}
