/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import dev.isoprobe.TestChecks;
import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.health.v1.HealthProto;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code List} on a real grpc-java Netty server on a loopback port, called by
 * {@link HealthList} and by a client of grpc-proto's own definition: every name {@code Check}
 * knows with the status {@code Check} gives it, each check run once, a hung check answered by the
 * deadline, drain, shutdown, the services limit; and {@code Check} and {@code Watch} through the
 * same service definition.
 */
class GrpcHealthListTest {

  /**
   * Long enough that a healthy check is up on a 2-core machine shared with other builds (seen:
   * a load average of 18), where 300 ms once timed a healthy check out before it could start.
   */
  private static final Duration DEADLINE = Duration.ofSeconds(1);
  /**
   * What a call may take beyond the deadline on such a machine, as the client sees it: far less
   * than a hung check, which never returns, would take.
   */
  private static final long SLACK_MS = 1_500;
  private static final Set<String> GROUPS = Set.of("", "liveness", "readiness", "startup");

  private Probes probes;
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

  private void serve(Probes built) throws Exception {
    probes = built;
    serve(GrpcHealth.of(probes));
  }

  private void serve(BindableService health) throws Exception {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(health).build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
  }

  /** Serves these checks once their first runs are in: the probes are RUNNING. */
  private void serveRunning(Duration deadline, Check... checks) throws Exception {
    Probes.Builder builder = Probes.builder().deadline(deadline);
    for (Check check : checks) {
      builder.check(check);
    }
    serve(builder.build());
    await().atMost(Duration.ofSeconds(10)).until(() -> probes.state() == Probes.State.RUNNING);
  }

  private Map<String, ServingStatus> list() {
    return HealthList.list(channel, Duration.ofSeconds(5));
  }

  private ServingStatus check(String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private Set<String> everyName() {
    Set<String> names = new TreeSet<>(GROUPS);
    probes.checks().forEach(check -> names.add(check.name()));
    return names;
  }

  private static Check check(String name, AtomicBoolean up, Group group, Group... more) {
    return Check.builder(name, ctx -> up.get() ? CheckResult.up() : CheckResult.down())
        .groups(group, more).build();
  }

  private static Check counted(String name, AtomicInteger runs, Group group, Group... more) {
    return Check.builder(name, ctx -> {
      runs.incrementAndGet();
      return CheckResult.up();
    }).groups(group, more).build();
  }

  @Test
  void healthyListsEveryCheckAndEveryGroupServingAndRunsEachCheckOnce() throws Exception {
    AtomicInteger db = new AtomicInteger();
    AtomicInteger cache = new AtomicInteger();
    AtomicInteger migrations = new AtomicInteger();
    AtomicInteger ping = new AtomicInteger();
    serveRunning(DEADLINE, counted("db", db, Group.READINESS),
        counted("cache", cache, Group.READINESS, Group.STARTUP),
        counted("migrations", migrations, Group.STARTUP),
        counted("ping", ping, Group.LIVENESS, Group.READINESS, Group.STARTUP));
    List<AtomicInteger> runs = List.of(db, cache, migrations, ping);
    List<Integer> before = runs.stream().map(AtomicInteger::get).toList();

    Map<String, ServingStatus> statuses = list();

    assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(everyName())
        .contains("deadlock", "db", "cache", "migrations", "ping");
    assertThat(statuses).allSatisfy(
        (name, status) -> assertThat(status).as(name).isEqualTo(ServingStatus.SERVING));
    for (int i = 0; i < runs.size(); i++) {
      assertThat(runs.get(i).get()).as("runs of one List, as /healthz's").isEqualTo(before.get(i) + 1);
    }
  }

  @Test
  void eachNameIsListedWithTheStatusCheckGivesIt() throws Exception {
    // db is up but covers db/replica, which is down and only in startup: readiness, made of db's
    // own status, is up, while Check("db") and List's "db" are down.
    AtomicBoolean replicaUp = new AtomicBoolean(true);
    serveRunning(DEADLINE, check("db", new AtomicBoolean(true), Group.READINESS),
        check("db/replica", replicaUp, Group.STARTUP),
        check("cache", new AtomicBoolean(true), Group.READINESS, Group.LIVENESS));
    replicaUp.set(false);

    Map<String, ServingStatus> statuses = list();

    assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(everyName());
    assertThat(statuses).containsEntry("", ServingStatus.SERVING)
        .containsEntry("readiness", ServingStatus.SERVING)
        .containsEntry("liveness", ServingStatus.SERVING)
        .containsEntry("startup", ServingStatus.NOT_SERVING)
        .containsEntry("db", ServingStatus.NOT_SERVING)
        .containsEntry("db/replica", ServingStatus.NOT_SERVING)
        .containsEntry("cache", ServingStatus.SERVING);
    statuses.forEach((name, status) -> assertThat(check(name)).as(name).isEqualTo(status));
  }

  @Test
  void aCheckNamedAsAGroupIsListedAsTheGroupAsCheckAnswersIt() throws Exception {
    AtomicBoolean up = new AtomicBoolean(true);
    serveRunning(DEADLINE, check("liveness", up, Group.READINESS),
        check("db", new AtomicBoolean(true), Group.READINESS));
    up.set(false);

    Map<String, ServingStatus> statuses = list();

    assertThat(statuses.keySet()).containsExactlyInAnyOrder("", "liveness", "readiness", "startup",
        "deadlock", "db");
    assertThat(statuses).containsEntry("liveness", ServingStatus.SERVING) // the group
        .containsEntry("readiness", ServingStatus.NOT_SERVING)
        .containsEntry("", ServingStatus.NOT_SERVING);
    statuses.forEach((name, status) -> assertThat(check(name)).as(name).isEqualTo(status));
  }

  @Test
  void aHungCheckIsNotServingByTheDeadlineWithItsGroupsAndTheOthersServing() throws Exception {
    TestChecks.Blocking hung = new TestChecks.Blocking();
    AtomicBoolean hang = new AtomicBoolean();
    serveRunning(DEADLINE,
        Check.builder("db", ctx -> hang.get() ? hung.check(ctx) : CheckResult.up()).build(),
        check("cache", new AtomicBoolean(true), Group.READINESS, Group.STARTUP));
    hang.set(true);
    try {
      long start = System.nanoTime();
      Map<String, ServingStatus> statuses = list();
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(hung.started.await(0, TimeUnit.SECONDS)).as("List ran the check").isTrue();
      assertThat(millis).isBetween(DEADLINE.toMillis() / 2, DEADLINE.toMillis() + SLACK_MS);
      assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(everyName());
      assertThat(statuses).containsEntry("db", ServingStatus.NOT_SERVING)
          .containsEntry("readiness", ServingStatus.NOT_SERVING)
          .containsEntry("", ServingStatus.NOT_SERVING)
          .containsEntry("cache", ServingStatus.SERVING)
          .containsEntry("liveness", ServingStatus.SERVING)
          .containsEntry("deadlock", ServingStatus.SERVING)
          .containsEntry("startup", ServingStatus.SERVING);
    } finally {
      hung.release.countDown();
    }
  }

  @Test
  void aCallerWhoseDeadlineComesFirstIsAnsweredJustBeforeIt() throws Exception {
    TestChecks.Blocking hung = new TestChecks.Blocking();
    AtomicBoolean hang = new AtomicBoolean();
    serveRunning(Duration.ofSeconds(30),
        Check.builder("db", ctx -> hang.get() ? hung.check(ctx) : CheckResult.up()).build());
    hang.set(true);
    try {
      // Answered by 3 s less its margin (94 ms), rather than failed DEADLINE_EXCEEDED at 3 s.
      Map<String, ServingStatus> statuses = ClientCalls.blockingUnaryCall(channel,
          HealthList.METHOD, CallOptions.DEFAULT.withDeadlineAfter(3, TimeUnit.SECONDS),
          Empty.getDefaultInstance());

      assertThat(statuses).containsEntry("db", ServingStatus.NOT_SERVING)
          .containsEntry("", ServingStatus.NOT_SERVING)
          .containsEntry("readiness", ServingStatus.NOT_SERVING)
          .containsEntry("liveness", ServingStatus.SERVING);
      assertThat(hung.sawInterrupt).as("the check runs on to its own deadline").isFalse();
    } finally {
      hung.release.countDown();
    }
  }

  @Test
  void drainingListsReadinessAndTheServerNotServingAndStoppingListsEverythingNotServing()
      throws Exception {
    serveRunning(DEADLINE, check("db", new AtomicBoolean(true), Group.READINESS),
        check("migrations", new AtomicBoolean(true), Group.STARTUP));

    probes.startDraining();
    assertThat(list()).containsOnly(Map.entry("", ServingStatus.NOT_SERVING),
        Map.entry("readiness", ServingStatus.NOT_SERVING),
        Map.entry("liveness", ServingStatus.SERVING),
        Map.entry("startup", ServingStatus.SERVING),
        Map.entry("deadlock", ServingStatus.SERVING),
        Map.entry("db", ServingStatus.SERVING), // a check's own name answers, as liveness does
        Map.entry("migrations", ServingStatus.SERVING));

    assertThat(probes.shutdown(Duration.ofSeconds(2))).isTrue();
    Map<String, ServingStatus> stopped = list();
    assertThat(stopped.keySet()).containsExactlyInAnyOrderElementsOf(everyName());
    assertThat(stopped).allSatisfy(
        (name, status) -> assertThat(status).as(name).isEqualTo(ServingStatus.NOT_SERVING));
  }

  @Test
  void aListInFlightWhenTheProbesStopIsAnsweredNotServingAtOnce() throws Exception {
    TestChecks.Blocking hung = new TestChecks.Blocking();
    AtomicBoolean hang = new AtomicBoolean();
    serveRunning(Duration.ofSeconds(30),
        Check.builder("db", ctx -> hang.get() ? hung.check(ctx) : CheckResult.up()).build());
    hang.set(true);
    Future<Map<String, ServingStatus>> inFlight = ClientCalls.futureUnaryCall(
        channel.newCall(HealthList.METHOD, CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS)),
        Empty.getDefaultInstance());
    assertThat(hung.started.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    assertThat(probes.shutdown(Duration.ofSeconds(2))).isTrue();
    Map<String, ServingStatus> statuses = inFlight.get(5, TimeUnit.SECONDS);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
        .as("far less than the 30 s deadline").isLessThan(5_000);
    assertThat(statuses.keySet()).containsExactlyInAnyOrderElementsOf(everyName());
    assertThat(statuses.values()).containsOnly(ServingStatus.NOT_SERVING);
  }

  @Test
  void aClientOfGrpcProtosDefinitionCallsIt() throws Exception {
    serveRunning(DEADLINE, check("db", new AtomicBoolean(false), Group.READINESS));

    DynamicMessage response = ClientCalls.blockingUnaryCall(channel, GrpcProtoHealth.LIST,
        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
        DynamicMessage.getDefaultInstance(GrpcProtoHealth.LIST_REQUEST));

    assertThat(response.getUnknownFields().asMap()).isEmpty();
    assertThat(GrpcProtoHealth.statuses(response)).containsOnly(
        Map.entry("", ServingStatus.NOT_SERVING), Map.entry("readiness", ServingStatus.NOT_SERVING),
        Map.entry("liveness", ServingStatus.SERVING), Map.entry("startup", ServingStatus.SERVING),
        Map.entry("deadlock", ServingStatus.SERVING), Map.entry("db", ServingStatus.NOT_SERVING));
  }

  @Test
  void moreThanAHundredServicesFailResourceExhaustedAsGrpcGosServerDoes() throws Exception {
    // 96 checks and the four group names are 100: listed; one more is too many.
    Probes.Builder builder = Probes.builder().deadline(DEADLINE).deadlockCheck(false);
    for (int check = 0; check < 97; check++) {
      builder.check(check("c" + check, new AtomicBoolean(true), Group.READINESS));
    }
    serve(builder.build());
    assertThatThrownBy(this::list).isInstanceOfSatisfying(StatusRuntimeException.class, failed -> {
      assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(failed.getStatus().getDescription())
          .isEqualTo("too many services to list: 101 (at most 100)");
    });
    probes.shutdown(Duration.ofSeconds(2));
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

    // A queue for them all: List runs every check at once, as /healthz does, and a run the
    // default queue of 16 cannot take is rejected, so NOT_SERVING.
    builder = Probes.builder().deadline(DEADLINE).deadlockCheck(false).queueCapacity(100);
    for (int check = 0; check < 96; check++) {
      builder.check(check("c" + check, new AtomicBoolean(true), Group.READINESS));
    }
    serve(builder.build());
    await().atMost(Duration.ofSeconds(10)).until(() -> probes.state() == Probes.State.RUNNING);
    assertThat(list()).hasSize(Listing.MAX_SERVICES).containsValue(ServingStatus.SERVING)
        .doesNotContainValue(ServingStatus.NOT_SERVING);
  }

  @Test
  void checkAndWatchAnswerThroughTheSameServiceAsGrpcJavasStubsCallThem() throws Exception {
    serveRunning(DEADLINE, check("db", new AtomicBoolean(true), Group.READINESS));

    ServerServiceDefinition bound = GrpcHealth.of(probes).bindService();
    assertThat(bound.getServiceDescriptor().getName()).isEqualTo(HealthGrpc.SERVICE_NAME);
    assertThat(bound.getMethods()).map(method -> method.getMethodDescriptor().getFullMethodName())
        .containsExactlyInAnyOrder("grpc.health.v1.Health/Check", "grpc.health.v1.Health/Watch",
            "grpc.health.v1.Health/List");
    assertThat(bound.getMethod("grpc.health.v1.Health/Check").getMethodDescriptor())
        .isSameAs(HealthGrpc.getCheckMethod());
    assertThat(bound.getMethod("grpc.health.v1.Health/Watch").getMethodDescriptor())
        .isSameAs(HealthGrpc.getWatchMethod());

    assertThat(check("")).isEqualTo(ServingStatus.SERVING);
    assertThat(check("db")).isEqualTo(ServingStatus.SERVING);
    assertThatThrownBy(() -> check("nope")).isInstanceOfSatisfying(StatusRuntimeException.class,
        failed -> assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    GrpcHealthTest.Watching watching = new GrpcHealthTest.Watching();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService("").build(),
        watching);
    assertThat(watching.next()).isEqualTo(ServingStatus.SERVING);
    watching.call.get().cancel("done", null);
  }

  @Test
  void grpcJavasOwnHealthServiceHasNoListHenceUnimplemented() throws Exception {
    HealthStatusManager plain = new HealthStatusManager();
    serve(plain.getHealthService());

    assertThat(check("")).isEqualTo(ServingStatus.SERVING);
    assertThatThrownBy(this::list).isInstanceOfSatisfying(StatusRuntimeException.class,
        failed -> assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    List<MethodDescriptor<?, ?>> methods = new ArrayList<>(
        plain.getHealthService().bindService().getServiceDescriptor().getMethods());
    assertThat(methods).map(MethodDescriptor::getBareMethodName)
        .containsExactlyInAnyOrder("Check", "Watch");
  }

  @Test
  void serverReflectionStillDescribesTheHealthServiceAsGrpcJavasFileDoes() throws Exception {
    probes = Probes.builder().deadline(DEADLINE).build();
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(GrpcHealth.of(probes)).addService(ProtoReflectionServiceV1.newInstance())
        .build().start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();

    BlockingQueue<ServerReflectionResponse> answers = new LinkedBlockingQueue<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {
            answers.add(response);
          }

          @Override
          public void onError(Throwable failure) {
          }

          @Override
          public void onCompleted() {
          }
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onNext(ServerReflectionRequest.newBuilder()
        .setFileContainingSymbol(HealthGrpc.SERVICE_NAME).build());

    ServerReflectionResponse services = answers.poll(5, TimeUnit.SECONDS);
    assertThat(services).isNotNull();
    assertThat(services.getListServicesResponse().getServiceList())
        .map(ServiceResponse::getName).contains(HealthGrpc.SERVICE_NAME);
    ServerReflectionResponse file = answers.poll(5, TimeUnit.SECONDS);
    assertThat(file).isNotNull();
    FileDescriptorProto health = FileDescriptorProto.parseFrom(
        file.getFileDescriptorResponse().getFileDescriptorProto(0));
    // grpc-java's file, as before List was bound: reflection clients see Check and Watch, and
    // call List with grpc-proto's file.
    assertThat(health).isEqualTo(HealthProto.getDescriptor().toProto());
    assertThat(health.getService(0).getMethodList()).map(method -> method.getName())
        .containsExactly("Check", "Watch");
    requests.onCompleted();
  }
}
