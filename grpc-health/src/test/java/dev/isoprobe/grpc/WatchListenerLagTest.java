/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthListener;
import dev.isoprobe.Probes;
import dev.isoprobe.StatusChange;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The watchers hear changes on their listener thread, after the probes that made them answered:
 * on a loaded machine, a {@code Watch} opens while changes are still on their way. Here a listener
 * that holds the changes until the test lets them go stands for that thread, late.
 */
class WatchListenerLagTest {

  /**
   * {@code a} turned up, then down; neither change has reached the watchers when a watch of
   * {@code a} opens and runs it. Told the probe's answer, {@code NOT_SERVING}, the stream was then
   * told the older {@code SERVING} as that change arrived (WatchModelTest, seed 24: {@code ""}
   * told {@code [NOT_SERVING, SERVING, NOT_SERVING]}). It must be told the changes in the order
   * they happened, nothing older after anything newer.
   */
  @Test
  void aWatchOpenedWhileChangesAreOnTheirWayIsToldThemInOrderNotTheProbesAnswerFirst()
      throws Exception {
    AtomicBoolean up = new AtomicBoolean(true);
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(5)).deadlockCheck(false)
        .warmUp(Duration.ZERO)
        .check(Check.builder("a", ctx -> up.get() ? CheckResult.up() : CheckResult.down()).build())
        .build();
    Watchers watchers = new Watchers(probes, Duration.ofHours(1));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch delivered = new CountDownLatch(2);
    probes.addListener(new HealthListener() {
      @Override
      public void checkChanged(StatusChange change) {
        try {
          release.await();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
        watchers.checkChanged(change);
        delivered.countDown();
      }

      @Override
      public void stateChanged(Probes.State state) {
        watchers.stateChanged(state);
      }
    });
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(HealthGrpc.bindService(new HealthGrpc.AsyncService() {
          @Override
          public void watch(HealthCheckRequest request,
              StreamObserver<HealthCheckResponse> responses) {
            watchers.watch(request.getService(),
                (ServerCallStreamObserver<HealthCheckResponse>) responses);
          }
        })).build().start();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
        .usePlaintext().build();
    try {
      assertThat(probes.probe("a").orElseThrow().get(5, TimeUnit.SECONDS)).isTrue(); // held
      up.set(false);
      assertThat(probes.probe("a").orElseThrow().get(5, TimeUnit.SECONDS)).isFalse(); // held
      GrpcHealthTest.Watching a = new GrpcHealthTest.Watching();
      HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService("a").build(), a);
      await().atMost(Duration.ofSeconds(5)).until(() -> watchers.size() == 1);
      // One run of a at a time: this one joins or follows the watch's, whose answer is in by then.
      assertThat(probes.probe("a").orElseThrow().get(5, TimeUnit.SECONDS)).isFalse();

      release.countDown();
      assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(probes.shutdown(Duration.ofSeconds(5))).isTrue(); // ends the stream after them
      assertThat(a.ended.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(new ArrayList<>(a.statuses)).as("told in the order a had them, then the stop")
          .containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
    } finally {
      probes.shutdown(Duration.ofSeconds(2));
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
