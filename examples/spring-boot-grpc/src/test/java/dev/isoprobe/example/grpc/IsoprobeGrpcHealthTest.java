/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.grpc.GrpcHealth;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Boot 4.1's gRPC server with the isoprobe starter: a real Netty gRPC server and Tomcat on
 * loopback, real grpc-java stubs, and a health indicator that hangs like a frozen database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "spring.grpc.server.address=127.0.0.1",
    "spring.grpc.server.port=0",
    "isoprobe.timeout=500ms"})
class IsoprobeGrpcHealthTest {

  /** Far beyond isoprobe's 500 ms, for a loaded 2-core machine, still far below the callers'. */
  private static final long ANSWERED_WITHIN_MILLIS = 4_000;
  private static final long CALLER_DEADLINE_MILLIS = 10_000;

  @TestConfiguration
  static class Capture {
    @Bean
    GrpcClient.ServerStarted serverStarted() {
      return new GrpcClient.ServerStarted();
    }
  }

  @Autowired
  private GrpcClient.ServerStarted started;
  @Autowired
  private DatabaseHealth db;
  @Autowired
  private ApplicationContext context;
  @LocalServerPort
  private int httpPort;

  private GrpcClient grpc;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void connect() {
    grpc = new GrpcClient(started.port());
  }

  @AfterEach
  void releaseAndWaitServing() throws Exception {
    db.release();
    // The hung execution returns late; the next one is up again.
    await().atMost(Duration.ofSeconds(10)).until(
        () -> grpc.check("db", CALLER_DEADLINE_MILLIS).get() == ServingStatus.SERVING);
    grpc.close();
  }

  @Test
  void runsOnBoot41() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.1.");
  }

  @Test
  void healthyIsServingForTheServerTheGroupsAndEachContributorByName() throws Exception {
    assertThat(grpc.check("", CALLER_DEADLINE_MILLIS).get()).isEqualTo(ServingStatus.SERVING);
    assertThat(grpc.check("readiness", CALLER_DEADLINE_MILLIS).get()).isEqualTo(ServingStatus.SERVING);
    assertThat(grpc.check("liveness", CALLER_DEADLINE_MILLIS).get()).isEqualTo(ServingStatus.SERVING);
    assertThat(grpc.check("db", CALLER_DEADLINE_MILLIS).get()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void aNameThatIsNoCheckIsNotFound() {
    CompletableFuture<ServingStatus> answer = grpc.check("no-such-check", CALLER_DEADLINE_MILLIS);
    assertThat(answer).failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(ExecutionException.class)
        .satisfies(failure -> assertThat(GrpcClient.code(failure.getCause()))
            .isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void theServerHasOneHealthServiceIsoprobesAndNoneOfBootsPolling() {
    assertThat(started.services()).filteredOn(GrpcClient.HEALTH::equals).hasSize(1);
    assertThat(started.services()).contains("example.Greeter");
    assertThat(context.getBeansOfType(GrpcHealth.class)).hasSize(1);
    // Boot's own: its HealthStatusManager, its service bean, and the scheduled copy.
    assertThat(context.getBeansOfType(HealthStatusManager.class)).isEmpty();
    assertThat(context.containsBean("grpcServerHealthService")).isFalse();
    assertThat(context.containsBean("grpcServerHealthScheduler")).isFalse();
  }

  @Test
  void theApplicationsOwnServiceIsServedBesideIt() throws Exception {
    io.grpc.ManagedChannel channel = io.grpc.netty.NettyChannelBuilder
        .forAddress("127.0.0.1", started.port()).usePlaintext().build();
    try {
      String answer = io.grpc.stub.ClientCalls.blockingUnaryCall(channel, Greeter.HELLO,
          io.grpc.CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), "isoprobe");
      assertThat(answer).isEqualTo("hello isoprobe");
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aHungContributorIsNotServingByIsoprobesDeadline() throws Exception {
    db.hang();
    long start = System.nanoTime();
    ServingStatus server = grpc.check("", CALLER_DEADLINE_MILLIS).get();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(server).isEqualTo(ServingStatus.NOT_SERVING);
    // Answered by isoprobe's 500 ms, not by the caller's 10 s deadline.
    assertThat(tookMillis).isBetween(400L, ANSWERED_WITHIN_MILLIS);
    assertThat(grpc.check("db", CALLER_DEADLINE_MILLIS).get()).isEqualTo(ServingStatus.NOT_SERVING);
    // Liveness has no contributor in it: it goes on serving.
    assertThat(grpc.check("liveness", CALLER_DEADLINE_MILLIS).get()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void sixtyFourConcurrentChecksOnAHungContributorCostOneExecution() throws Exception {
    db.hang();
    int before = db.calls();
    long start = System.nanoTime();
    List<CompletableFuture<ServingStatus>> answers = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      answers.add(grpc.check("", CALLER_DEADLINE_MILLIS));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .get(CALLER_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(answers).extracting(CompletableFuture::join).hasSize(64)
        .containsOnly(ServingStatus.NOT_SERVING);
    assertThat(tookMillis).isLessThan(ANSWERED_WITHIN_MILLIS);
    assertThat(db.calls() - before).as("executions of the hung indicator").isEqualTo(1);
  }

  @Test
  void theHttpProbesAnswerAsOnBoot40() throws Exception {
    assertThat(get("/livez").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);

    db.hang();
    long start = System.nanoTime();
    HttpResponse<String> hung = get("/readyz");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(hung.statusCode()).isEqualTo(503);
    assertThat(hung.body()).contains("db").contains("timeout");
    assertThat(tookMillis).isLessThan(ANSWERED_WITHIN_MILLIS);
    assertThat(get("/livez").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
