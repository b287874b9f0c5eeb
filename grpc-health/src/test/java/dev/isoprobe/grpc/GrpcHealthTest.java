/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import dev.isoprobe.TestChecks;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gRPC health service on a real grpc-java Netty server on a loopback port, called by real
 * stubs: service names, a hung check answered by the deadline, a storm of calls on one thread
 * per check, liveness apart, {@code Watch} with its changes and cancellation, drain and shutdown.
 * As a gRPC server runs, with no Servlet API on the class path.
 */
class GrpcHealthTest {

  private static final Duration DEADLINE = Duration.ofMillis(300);
  /** What a call may take beyond the deadline on a loaded 2-core machine, as the client sees it. */
  private static final long SLACK_MS = 250;

  private Probes probes;
  private GrpcHealth registered;
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (probes != null) {
      probes.shutdown(Duration.ofSeconds(2));
    }
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private void start(Check... checks) throws Exception {
    serve(probes(checks));
  }

  private static Probes probes(Check... checks) {
    Probes.Builder builder = Probes.builder().deadline(DEADLINE);
    for (Check check : checks) {
      builder.check(check);
    }
    return builder.build();
  }

  private void serve(Probes built) throws Exception {
    serve(built, GrpcHealth.DEFAULT_WATCH_EVERY);
  }

  private void serve(Probes built, Duration watchEvery) throws Exception {
    probes = built;
    registered = GrpcHealth.of(probes, watchEvery);
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(registered).build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  /**
   * Returns once every run of {@code target}'s checks under way has ended, having asserted what
   * they answered. Listeners, watchers among them, hear an outcome before its run makes way for
   * the next; a {@code Check} sent as soon as they heard it (or while the warm-up's run is under
   * way) may join that run and be given its answer, not the one of a dependency changed since.
   */
  private void runsOver(String target, boolean up) throws Exception {
    assertThat(probes.probe(target).orElseThrow().get(5, TimeUnit.SECONDS)).as(target)
        .isEqualTo(up);
  }

  private ServingStatus check(String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private static Check check(String name, boolean[] up, Group group) {
    return Check.builder(name, ctx -> up[0] ? CheckResult.up() : CheckResult.down())
        .groups(group).build();
  }

  @Test
  void theProbesServeWithNoServletApiOnTheClassPath() throws Exception {
    assertThatThrownBy(() -> Class.forName("jakarta.servlet.Filter"))
        .isInstanceOf(ClassNotFoundException.class);
    start(check("db", new boolean[] {true}, Group.READINESS));

    assertThat(check("")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void serviceNamesAreTheServerTheGroupsAndTheChecksAndAnyOtherIsNotFound() throws Exception {
    boolean[] dbUp = {true};
    start(check("db/primary", dbUp, Group.READINESS), check("cache", new boolean[] {false},
        Group.STARTUP));

    assertThat(check("")).isEqualTo(ServingStatus.SERVING);
    assertThat(check("readiness")).isEqualTo(ServingStatus.SERVING);
    assertThat(check("liveness")).isEqualTo(ServingStatus.SERVING); // the built-in deadlock check
    assertThat(check("startup")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check("db")).isEqualTo(ServingStatus.SERVING);
    assertThat(check("db/primary")).isEqualTo(ServingStatus.SERVING);
    assertThat(check("cache")).isEqualTo(ServingStatus.NOT_SERVING);
    dbUp[0] = false;
    assertThat(check("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThatThrownBy(() -> check("grpc.health.v1.Health"))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            failed -> assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void aHungCheckIsAnsweredByTheDeadlineAndLivenessAtOnceMeanwhile() throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    start(Check.builder("db", db).build());
    try {
      // Connected first: what is timed is the call's answer, not the channel's connection and
      // the first call's class loading (662 ms of a 550 ms bound on a loaded 2-core machine).
      assertThat(check("liveness")).isEqualTo(ServingStatus.SERVING);
      long start = System.nanoTime();
      assertThat(check("")).isEqualTo(ServingStatus.NOT_SERVING);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(millis).isBetween(DEADLINE.toMillis() / 2, DEADLINE.toMillis() + SLACK_MS);

      start = System.nanoTime();
      assertThat(check("liveness")).isEqualTo(ServingStatus.SERVING);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(SLACK_MS);
    } finally {
      db.release.countDown();
    }
  }

  /**
   * The kubelet's timeoutSeconds below the probes' deadline: the caller's 2 s come first, and it
   * is answered NOT_SERVING just before them (by a 16th of its time, 125 ms, room enough on a
   * loaded machine), not left to time out, while the check runs on to the probes' own 5 s.
   */
  @Test
  void aCallerWhoseDeadlineComesFirstIsAnsweredNotServingJustBeforeIt() throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    serve(Probes.builder().deadline(Duration.ofSeconds(5)).check(Check.builder("db", db).build())
        .build());
    try {
      // The channel connected and the call's classes loaded first: the caller's time is for the
      // call, as a kubelet's is on its connection.
      assertThat(check("liveness")).isEqualTo(ServingStatus.SERVING);
      long start = System.nanoTime();
      HealthCheckResponse answer = HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(2, TimeUnit.SECONDS)
          .check(HealthCheckRequest.newBuilder().setService("db").build());
      assertThat(answer.getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(1_500L, 2_000L);
      assertThat(db.sawInterrupt).as("the check runs on to its own deadline").isFalse();
    } finally {
      db.release.countDown();
    }
  }

  /** No watch tick starts a run while a dependency changes: a {@code Check} would join it. */
  @Test
  void aCheckNameWatchesEveryCheckUnderIt() throws Exception {
    AtomicBoolean replicaUp = new AtomicBoolean(true);
    serve(probes(Check.builder("db", ctx -> CheckResult.up()).build(),
        Check.builder("db/replica", ctx -> replicaUp.get() ? CheckResult.up() : CheckResult.down())
            .build()), Duration.ofSeconds(30));
    Watching db = watch("db");
    assertThat(db.next()).isEqualTo(ServingStatus.SERVING);
    runsOver("db", true);
    replicaUp.set(false);
    assertThat(check("db/replica")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(db.next()).isEqualTo(ServingStatus.NOT_SERVING);
    replicaUp.set(true);
    assertThat(check("")).isEqualTo(ServingStatus.SERVING);
    assertThat(db.next()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void twoHundredConcurrentCallsOnAHungCheckShareOneThreadAndAreAllAnsweredByTheDeadline()
      throws Exception {
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    start(Check.builder("db", db).build());
    try {
      // Connected first: what is timed is the calls' answers, not the channel's connection.
      assertThat(check("liveness")).isEqualTo(ServingStatus.SERVING);
      HealthGrpc.HealthFutureStub stub = HealthGrpc.newFutureStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS);
      long start = System.nanoTime();
      List<com.google.common.util.concurrent.ListenableFuture<HealthCheckResponse>> calls =
          new ArrayList<>();
      for (int call = 0; call < 200; call++) {
        calls.add(stub.check(HealthCheckRequest.newBuilder().setService("").build()));
      }
      for (var call : calls) {
        assertThat(call.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      System.out.printf("200 calls answered in %d ms%n", millis);
      assertThat(millis).isLessThan(DEADLINE.toMillis() + SLACK_MS + 500);
      assertThat(db.executions).hasValue(1);
      assertThat(TestChecks.liveThreads("isoprobe-check-")).isEqualTo(1);
    } finally {
      db.release.countDown();
    }
  }

  /** Records a Watch stream's statuses and its end. */
  static final class Watching implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {
    final BlockingQueue<ServingStatus> statuses = new LinkedBlockingQueue<>();
    final CompletableFuture<Status> ended = new CompletableFuture<>();
    final AtomicReference<ClientCallStreamObserver<HealthCheckRequest>> call = new AtomicReference<>();

    @Override
    public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
      call.set(requestStream);
    }

    @Override
    public void onNext(HealthCheckResponse response) {
      statuses.add(response.getStatus());
    }

    @Override
    public void onError(Throwable failure) {
      ended.complete(Status.fromThrowable(failure));
    }

    @Override
    public void onCompleted() {
      ended.complete(Status.OK);
    }

    ServingStatus next() throws InterruptedException {
      ServingStatus status = statuses.poll(5, TimeUnit.SECONDS);
      assertThat(status).as("a status within 5 s").isNotNull();
      return status;
    }
  }

  private Watching watch(String service) {
    Watching watching = new Watching();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService(service).build(),
        watching);
    return watching;
  }

  /** No watch tick starts a run while a dependency changes: a {@code Check} would join it. */
  @Test
  void watchSendsTheCurrentStatusThenEachChangeAndACancelledStreamLeavesNothing() throws Exception {
    AtomicBoolean up = new AtomicBoolean(true);
    serve(probes(Check.builder("db", ctx -> up.get() ? CheckResult.up() : CheckResult.down())
        .build()), Duration.ofSeconds(30));
    Watching server = watch("");
    Watching db = watch("db");
    Watching unknown = watch("nope");
    assertThat(server.next()).isEqualTo(ServingStatus.SERVING);
    assertThat(db.next()).isEqualTo(ServingStatus.SERVING);
    assertThat(unknown.next()).isEqualTo(ServingStatus.SERVICE_UNKNOWN);

    runsOver("db", true);
    up.set(false);
    assertThat(check("db")).isEqualTo(ServingStatus.NOT_SERVING); // a probe finds the change
    assertThat(db.next()).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(server.next()).isEqualTo(ServingStatus.NOT_SERVING);
    up.set(true);
    assertThat(check("")).isEqualTo(ServingStatus.SERVING);
    assertThat(db.next()).isEqualTo(ServingStatus.SERVING);
    assertThat(server.next()).isEqualTo(ServingStatus.SERVING);

    for (Watching watching : List.of(server, db, unknown)) {
      watching.call.get().cancel("done", null);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> registered.watching() == 0);
  }

  @Test
  void aWatchedCheckThatHangsWithNothingElseProbingItIsSeenWithinAWatchPeriod() throws Exception {
    TestChecks.Blocking later = new TestChecks.Blocking();
    AtomicBoolean hang = new AtomicBoolean();
    start(Check.builder("db", ctx -> hang.get() ? later.check(ctx) : CheckResult.up()).build());
    try {
      Watching watching = watch("db");
      assertThat(watching.next()).isEqualTo(ServingStatus.SERVING);
      hang.set(true);
      // Nothing probes: the service does, within one period, and the deadline ends the run.
      long start = System.nanoTime();
      ServingStatus next = watching.statuses.poll(
          GrpcHealth.DEFAULT_WATCH_EVERY.toMillis() + DEADLINE.toMillis() + 2_000, TimeUnit.MILLISECONDS);
      assertThat(next).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
          .isLessThan(GrpcHealth.DEFAULT_WATCH_EVERY.toMillis() + DEADLINE.toMillis() + SLACK_MS);
    } finally {
      later.release.countDown();
    }
  }

  @Test
  void drainingTurnsTheServerNotServingAtOnceAndStoppingAnswersEveryCallAndEndsEveryWatch()
      throws Exception {
    TestChecks.Blocking hung = new TestChecks.Blocking();
    // No warm-up: the run of slow that starts is the call's own, so the call is in flight.
    serve(Probes.builder().deadline(Duration.ofSeconds(30)).warmUp(Duration.ZERO)
        .check(Check.builder("db", ctx -> CheckResult.up()).build())
        .check(Check.builder("slow", hung).groups(Group.STARTUP).build()).build());

    Watching whole = watch("");
    Watching liveness = watch("liveness");
    assertThat(whole.next()).isEqualTo(ServingStatus.SERVING);
    assertThat(liveness.next()).isEqualTo(ServingStatus.SERVING);

    probes.startDraining();
    assertThat(whole.next()).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(check("liveness")).isEqualTo(ServingStatus.SERVING);
    assertThat(liveness.statuses).isEmpty();

    // A call in flight on a check that will not return before its 30 s deadline.
    var inFlight = HealthGrpc.newFutureStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("startup").build());
    assertThat(hung.started.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    assertThat(probes.shutdown(Duration.ofSeconds(2))).as("every isoprobe thread ended").isTrue();
    assertThat(inFlight.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(whole.ended.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(liveness.ended.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(liveness.next()).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
    assertThat(registered.watching()).isZero();
    assertThat(probes.liveThreads()).isEmpty();
    await().atMost(Duration.ofSeconds(5))
        .until(() -> TestChecks.liveThreads("isoprobe-grpc-watch") == 0);
    server.shutdown();
    assertThat(server.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }
}
