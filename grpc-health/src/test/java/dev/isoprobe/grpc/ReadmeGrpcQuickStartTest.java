/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.Check;
import dev.isoprobe.Probes;
import dev.isoprobe.ReadmeBlocks;
import dev.isoprobe.StandInDataSource;
import dev.isoprobe.checks.JdbcCheck;
import dev.isoprobe.shutdown.GracefulShutdown;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The README's gRPC quick start, line for line, on a real grpc-java server on a loopback port:
 * {@link #readmeBlockIsThisCode} fails when the README's block and this code part ways.
 */
class ReadmeGrpcQuickStartTest {

  static final Path SOURCE = Path.of("src/test/java/dev/isoprobe/grpc/ReadmeGrpcQuickStartTest.java");

  /** The README's start-up code, on port 0 rather than 9090. */
  static Server start(DataSource dataSource, int port, Probes[] built) throws IOException {
    Probes probes = Probes.builder()
        .deadline(Duration.ofMillis(800))                  // every Check answered by then
        .check(Check.builder("db", JdbcCheck.builder(dataSource).build()) // ends with the deadline, in the driver too
            .timeout(Duration.ofMillis(500))
            .build())
        .build();
    built[0] = probes;
    Server server = ServerBuilder.forPort(port)                 // 9090 in docs/kubernetes.md
        .addService(GrpcHealth.of(probes))                 // "" is readiness; "liveness", "db", ...
        .build().start();
    return server;
  }

  /** The README's shutdown code. */
  static void stop(Probes probes, Server server) throws InterruptedException {
    // on shutdown:
    GracefulShutdown.builder(probes).drainDelay(Duration.ofSeconds(5)).build().awaitStopped();
    server.shutdown().awaitTermination(5, TimeUnit.SECONDS); // every Check answered, every Watch ended
  }

  @Test
  void quickStartAnswersCheckDrainsAndStops() throws Exception {
    AtomicBoolean valid = new AtomicBoolean(true);
    Probes[] probes = new Probes[1];
    StandInDataSource database = new StandInDataSource(valid::get);
    Server server = start(database.dataSource(), 0, probes);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
        .usePlaintext().build();
    try {
      HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS);
      assertThat(status(health, "")).isEqualTo(ServingStatus.SERVING);
      assertThat(status(health, "db")).isEqualTo(ServingStatus.SERVING);
      valid.set(false);
      assertThat(status(health, "")).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(status(health, "liveness")).isEqualTo(ServingStatus.SERVING);

      stop(probes[0], server);
      assertThat(server.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
      assertThat(probes[0].state()).isEqualTo(Probes.State.STOPPED);
      assertThat(probes[0].liveThreads()).isEmpty();
      // The README's check gives back every connection it takes.
      assertThat(database.givenBack()).isEqualTo(database.borrowed()).isPositive();
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  private static ServingStatus status(HealthGrpc.HealthBlockingStub health, String service) {
    return health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  @Test
  void readmeBlockIsThisCode() throws IOException {
    List<String> block = ReadmeBlocks.marked(SOURCE.toString().replace('\\', '/'));
    assertThat(block).hasSizeLessThan(20).anyMatch(line -> line.contains("GrpcHealth.of"));
    ReadmeBlocks.assertInOrder(block, SOURCE);
  }
}
