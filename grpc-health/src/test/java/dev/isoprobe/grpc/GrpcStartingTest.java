/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * While the warm-up runs, {@code startup} is refused to a {@code Watch} as to a {@code Check},
 * whatever its checks say; once it is over, both are answered from the checks, the watchers at
 * once. On a real grpc-java server and client on loopback.
 */
class GrpcStartingTest {

  @Test
  void aStartupWatchAgreesWithCheckWhileStartingAndHearsTheWarmUpEnd() throws Exception {
    CountDownLatch bootReady = new CountDownLatch(1);
    CountDownLatch dbReady = new CountDownLatch(1);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(300)).deadlockCheck(false)
        .check(Check.builder("boot", ctx -> {
          bootReady.await();
          return CheckResult.up();
        }).groups(Group.STARTUP).build())
        .check(Check.builder("db", ctx -> {
          dbReady.await();
          return CheckResult.up();
        }).build())
        .build();
    Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(GrpcHealth.of(probes)).build().start();
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
        .usePlaintext().build();
    try {
      GrpcHealthTest.Watching watching = new GrpcHealthTest.Watching();
      HealthGrpc.newStub(channel).watch(request("startup"), watching);
      assertThat(watching.next()).isEqualTo(ServingStatus.NOT_SERVING); // starting
      bootReady.countDown(); // the startup group is up; db still warms up
      assertThat(check(channel)).as("Check while starting").isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(watching.statuses.poll(500, TimeUnit.MILLISECONDS)).as("Watch while starting")
          .isNull();

      dbReady.countDown(); // the warm-up is over
      assertThat(watching.next()).isEqualTo(ServingStatus.SERVING);
      assertThat(check(channel)).isEqualTo(ServingStatus.SERVING);
    } finally {
      bootReady.countDown();
      dbReady.countDown();
      channel.shutdownNow();
      probes.shutdown(Duration.ofSeconds(1));
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static HealthCheckRequest request(String service) {
    return HealthCheckRequest.newBuilder().setService(service).build();
  }

  private static ServingStatus check(ManagedChannel channel) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(request("startup")).getStatus();
  }
}
