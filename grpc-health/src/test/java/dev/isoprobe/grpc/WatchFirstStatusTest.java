/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Probes;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How soon a {@code Watch} opened before the watchers have heard of its checks is told its first
 * status, since fd8ddfa tells it only once every check it covers is heard of (review4). A client
 * (grpc-java's client-side health checking) keeps its subchannel from traffic until then.
 */
class WatchFirstStatusTest {

  /**
   * A name with no check of its own ({@code startup} with no startup check) is answered at once,
   * an unknown one {@code SERVICE_UNKNOWN}, and a check that hangs, by the probe's deadline: its
   * {@code TIMEOUT} is counted and told as its first change.
   */
  @Test
  void aStreamWhoseChecksGiveAVerdictIsToldItsFirstStatusByTheDeadline() throws Exception {
    CountDownLatch hangs = new CountDownLatch(1);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(500)).deadlockCheck(false)
        .warmUp(Duration.ZERO)
        .check(Check.builder("hung", ctx -> {
          hangs.await(); // honours its interrupt: returns at the deadline
          return CheckResult.up();
        }).build())
        .build();
    try (HealthServer served = new HealthServer(GrpcHealth.of(probes, Duration.ofHours(1)))) {
      assertThat(served.watch("startup").next()).isEqualTo(ServingStatus.SERVING);
      assertThat(served.watch("no-such-check").next()).isEqualTo(ServingStatus.SERVICE_UNKNOWN);
      long start = System.nanoTime();
      assertThat(served.watch("hung").next()).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    } finally {
      hangs.countDown();
      probes.shutdown(Duration.ofSeconds(2));
    }
  }

  /**
   * FAILS on main (095a045), passed before fd8ddfa. {@code cache} is refreshed in the background
   * and has no result yet; the check lane's one thread is held by {@code hog}, which ignores its
   * interrupt. The watch's probe of {@code cache}, and each of the poller's (every 10 ms), is
   * rejected: a probe's rejected run of a background check is no verdict (CheckRunner.isVerdict),
   * so no change is ever told, and the stream waits, with no status, until the lane has room
   * (here: until the test frees it; in production, possibly for good). A {@code Check} of the same
   * name meanwhile answers {@code NOT_SERVING} at once. Before fd8ddfa the watch's probe's answer,
   * {@code NOT_SERVING}, was its first status.
   */
  @Test
  void aStreamOfABackgroundCheckWhoseRunsTheLaneRejectsIsToldAFirstStatus() throws Exception {
    CountDownLatch hogStarted = new CountDownLatch(1);
    CountDownLatch freeHog = new CountDownLatch(1);
    Probes probes = laneHeldBy(hogStarted, freeHog);
    try (HealthServer served = new HealthServer(GrpcHealth.of(probes, Duration.ofMillis(10)))) {
      assertThat(hogStarted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(served.check("cache")).as("a Check of cache, lane full").isEqualTo(
          ServingStatus.NOT_SERVING);
      GrpcHealthTest.Watching cache = served.watch("cache");
      ServingStatus first = cache.statuses.poll(3, TimeUnit.SECONDS);
      freeHog.countDown();
      assertThat(first).as("the first status of a Watch of cache, within 3 s (deadline 500 ms,"
          + " watchEvery 10 ms), while a Check answers NOT_SERVING").isEqualTo(
              ServingStatus.NOT_SERVING);
      assertThat(cache.statuses.poll(5, TimeUnit.SECONDS)).as("once the lane has room")
          .isEqualTo(ServingStatus.SERVING);
    } finally {
      freeHog.countDown();
      probes.shutdown(Duration.ofSeconds(2));
    }
  }
  /**
   * FAILS on main (095a045), passed before fd8ddfa: what grpc-java's client-side health checking
   * makes of the silence above. The one server's {@code cache} cannot run (the lane is full), so a
   * {@code Check} answers {@code NOT_SERVING}; told that by the Watch, the client's subchannel goes
   * TRANSIENT_FAILURE and a call fails at once, {@code UNAVAILABLE}. Told nothing, the subchannel
   * stays CONNECTING and the call waits until its deadline: {@code DEADLINE_EXCEEDED}, 3 s.
   */
  @Test
  void aClientWithClientSideHealthCheckingOfThatCheckIsToldItIsNotServed() throws Exception {
    CountDownLatch hogStarted = new CountDownLatch(1);
    CountDownLatch freeHog = new CountDownLatch(1);
    Probes probes = laneHeldBy(hogStarted, freeHog);
    ServerServiceDefinition who = ServerServiceDefinition.builder("isoprobe.test.Servers")
        .addMethod(ClientSideHealthCheckingTest.WHO,
            ServerCalls.asyncUnaryCall((request, responses) -> {
              responses.onNext("served");
              responses.onCompleted();
            })).build();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(GrpcHealth.of(probes, Duration.ofMillis(10))).addService(who).build().start();
    ManagedChannel channel =
        ClientSideHealthCheckingTest.healthCheckedChannel("cache", server.getPort());
    try {
      assertThat(hogStarted.await(5, TimeUnit.SECONDS)).isTrue();
      long sent = System.nanoTime();
      Status.Code code;
      try {
        ClientCalls.blockingUnaryCall(channel, ClientSideHealthCheckingTest.WHO,
            CallOptions.DEFAULT.withDeadlineAfter(3, TimeUnit.SECONDS), "");
        code = Status.Code.OK;
      } catch (StatusRuntimeException failed) {
        code = failed.getStatus().getCode();
      }
      System.out.printf("call to a server whose cache cannot run: %s after %d ms%n", code,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
      assertThat(code).as("a call to the one server, not served").isEqualTo(
          Status.Code.UNAVAILABLE);
    } finally {
      freeHog.countDown();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      probes.shutdown(Duration.ofSeconds(2));
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Probes whose check lane has one thread and no queue, held by {@code hog} (a background check
   * that ignores its interrupt) from the start until {@code freeHog}; {@code cache}, refreshed in
   * the background too, is not due for 30 min and has no result.
   */
  private static Probes laneHeldBy(CountDownLatch hogStarted, CountDownLatch freeHog) {
    return Probes.builder().deadline(Duration.ofMillis(500)).deadlockCheck(false)
        .warmUp(Duration.ZERO).executorThreads(1).queueCapacity(0)
        // Background checks start spread over their period: hog at once, cache after 30 min.
        .check(Check.builder("hog", ctx -> {
          hogStarted.countDown();
          boolean interrupted = false;
          while (true) {
            try {
              freeHog.await(); // ignores its interrupt: holds the lane's thread
              break;
            } catch (InterruptedException ignored) {
              interrupted = true;
            }
          }
          return interrupted ? CheckResult.down() : CheckResult.up();
        }).refreshEvery(Duration.ofHours(1)).build())
        .check(Check.builder("cache", ctx -> CheckResult.up())
            .refreshEvery(Duration.ofHours(1)).build())
        .build();
  }
}
