/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.isoprobe.PostgresServer;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example app's {@code db} check on a real PostgreSQL, on loopback, through grpc-java's own
 * stubs: {@code SERVING} while the database answers; once it is frozen with SIGSTOP,
 * {@code NOT_SERVING} by the check's deadline, to {@code Check} and to a {@code Watch}, while
 * liveness serves; {@code SERVING} again once it resumes. The cluster is this class's own and
 * stopped, resumed first, by its PIDs.
 */
class GrpcAppPostgresTest {

  private static final long DEADLINE_MILLIS = GrpcApp.CHECK_TIMEOUT.toMillis();
  /** The latest an answer may come: the deadline and 5 s more, for a loaded 2-core machine. */
  private static final long LATE_MILLIS = DEADLINE_MILLIS + 5_000;
  /** As many kubelet probes at once as the storm scenario's connections. */
  private static final int STORM = 64;

  private static PostgresServer postgres;

  private final List<ManagedChannel> channels = new ArrayList<>();
  private boolean frozen;
  private PostgresCheck db;
  private GrpcApp app;
  private ManagedChannel channel;

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      List<Long> pids = postgres.pids();
      postgres.close();
      assertThat(pids).as("the cluster's processes").isNotEmpty()
          .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
              .as("process %d", pid).isEmpty());
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (frozen) {
      postgres.resume();
    }
    for (ManagedChannel open : channels) {
      open.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (app != null) {
      app.close();
    }
  }

  private void startApp() throws Exception {
    db = new PostgresCheck(postgres.jdbcUrl(), "postgres", null);
    app = new GrpcApp("127.0.0.1", 0, 0, Duration.ZERO, db);
    channel = channel();
  }

  private ManagedChannel channel() {
    ManagedChannel open = NettyChannelBuilder.forAddress("127.0.0.1", app.grpcPort()).usePlaintext().build();
    channels.add(open);
    return open;
  }

  private void freeze() {
    postgres.freeze();
    frozen = true;
  }

  private void resume() {
    postgres.resume();
    frozen = false;
  }

  private static HealthCheckRequest request(String service) {
    return HealthCheckRequest.newBuilder().setService(service).build();
  }

  private ServingStatus status(String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(LATE_MILLIS, TimeUnit.MILLISECONDS)
        .check(request(service)).getStatus();
  }

  /** Asserts {@code Check("")} is answered NOT_SERVING no earlier than the deadline, nor late. */
  private void assertNotServingByTheDeadline() {
    long start = System.nanoTime();
    assertThat(status("")).isEqualTo(ServingStatus.NOT_SERVING);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(millis).as("answered after (ms)").isBetween(DEADLINE_MILLIS, LATE_MILLIS);
    System.out.printf("Check(\"\") on a frozen PostgreSQL: NOT_SERVING after %d ms%n", millis);
  }

  private HttpResponse<String> admin(String path) throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.adminPort() + path))
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Every status a Watch of {@code service} is sent, in order. */
  private List<ServingStatus> watch(String service) {
    List<ServingStatus> sent = new CopyOnWriteArrayList<>();
    HealthGrpc.newStub(channel).watch(request(service), new StreamObserver<>() {
      @Override
      public void onNext(HealthCheckResponse response) {
        sent.add(response.getStatus());
      }

      @Override
      public void onError(Throwable ended) {}

      @Override
      public void onCompleted() {}
    });
    return sent;
  }

  private static void awaitLatest(List<ServingStatus> sent, ServingStatus expected) {
    await().atMost(Duration.ofSeconds(30))
        .until(() -> !sent.isEmpty() && sent.get(sent.size() - 1) == expected);
  }

  @Test
  void aFrozenPostgresIsNotServingByTheDeadlineWhileLivenessServesAndServingOnceItResumes()
      throws Exception {
    startApp();
    assertThat(status("")).isEqualTo(ServingStatus.SERVING);
    assertThat(status("db")).isEqualTo(ServingStatus.SERVING);
    assertThat(status("liveness")).isEqualTo(ServingStatus.SERVING);
    HttpResponse<String> hang = admin("/admin/hang");
    assertThat(hang.statusCode()).isEqualTo(409);
    assertThat(hang.body()).contains("freeze the server");

    freeze();
    // First on the connection the check keeps: the query's read times out.
    assertNotServingByTheDeadline();
    assertThat(status("liveness")).isEqualTo(ServingStatus.SERVING);
    // Then on a new connection, whose login the frozen server never answers.
    assertNotServingByTheDeadline();
    assertThat(status("db")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(status("liveness")).isEqualTo(ServingStatus.SERVING);
    // Watched only now: a watch probes "" every half second, and a Check that joined one of
    // those runs of the frozen check would be answered before its own deadline.
    List<ServingStatus> watched = watch("");
    awaitLatest(watched, ServingStatus.NOT_SERVING);

    resume();
    await().atMost(Duration.ofSeconds(30)).until(() -> status("") == ServingStatus.SERVING);
    assertThat(status("db")).isEqualTo(ServingStatus.SERVING);
    awaitLatest(watched, ServingStatus.SERVING);
    assertThat(status("liveness")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void aStormOfKubeletChecksOnAFrozenPostgresIsAnsweredNotServingByOneExecution() throws Exception {
    startApp();
    assertThat(status("")).isEqualTo(ServingStatus.SERVING); // no execution left in flight
    // One connection per probe, as the kubelet dials, each opened and used once first so that
    // the storm's calls go out together, within one execution of the check.
    List<ManagedChannel> kubelets = new ArrayList<>();
    for (int i = 0; i < STORM; i++) {
      ManagedChannel kubelet = channel();
      assertThat(HealthGrpc.newBlockingStub(kubelet).withDeadlineAfter(LATE_MILLIS, TimeUnit.MILLISECONDS)
          .check(request("liveness")).getStatus()).isEqualTo(ServingStatus.SERVING);
      kubelets.add(kubelet);
    }
    long executionsBefore = db.executions();

    freeze();
    long start = System.nanoTime();
    List<ListenableFuture<HealthCheckResponse>> answers = new ArrayList<>();
    List<Long> answeredAt = new CopyOnWriteArrayList<>();
    for (ManagedChannel kubelet : kubelets) {
      ListenableFuture<HealthCheckResponse> answer = HealthGrpc.newFutureStub(kubelet)
          .withDeadlineAfter(1, TimeUnit.SECONDS).check(request(""));
      answer.addListener(() -> answeredAt.add(System.nanoTime()), MoreExecutors.directExecutor());
      answers.add(answer);
    }
    long sentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    List<String> outcomes = new ArrayList<>();
    for (ListenableFuture<HealthCheckResponse> answer : answers) {
      outcomes.add(outcome(answer));
    }

    assertThat(outcomes).hasSize(STORM).containsOnly(ServingStatus.NOT_SERVING.name());
    assertThat(db.executions() - executionsBefore).as("executions of the db check").isEqualTo(1);
    LongSummaryStatistics answered = answeredAt.stream()
        .mapToLong(at -> TimeUnit.NANOSECONDS.toMillis(at - start)).summaryStatistics();
    System.out.printf("%d kubelet checks (1 s gRPC deadline) on a frozen PostgreSQL, sent within"
        + " %d ms: all NOT_SERVING, answered %d to %d ms after the first was sent%n", STORM,
        sentMillis, answered.getMin(), answered.getMax());
  }

  /** The status answered, or the gRPC status code the call failed with. */
  private static String outcome(ListenableFuture<HealthCheckResponse> answer) throws Exception {
    try {
      return answer.get(LATE_MILLIS, TimeUnit.MILLISECONDS).getStatus().name();
    } catch (ExecutionException failed) {
      return Status.fromThrowable(failed.getCause()).getCode().name();
    }
  }
}
