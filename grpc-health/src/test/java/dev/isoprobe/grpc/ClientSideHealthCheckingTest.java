/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Probes;
import io.grpc.CallOptions;
import io.grpc.EquivalentAddressGroup;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.NameResolver;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusOr;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * grpc-java's own client-side health checking ({@code healthCheckConfig} in the service config,
 * round robin) over two isoprobe gRPC servers on loopback, with nothing else probing them: the
 * channel's {@code Watch} is all that tells it. When one server's check hangs, every call goes to
 * the other within 2 s, and back within 2 s of the heal; no call fails; and stopping the
 * probes ends the watch without a loop of re-opened streams.
 */
class ClientSideHealthCheckingTest {

  private static final Duration ROUTED_WITHIN = Duration.ofSeconds(2);
  private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException failed) {
        throw new UncheckedIOException(failed);
      }
    }
  };
  /** The application's own call: answers which server took it. */
  static final MethodDescriptor<String, String> WHO = MethodDescriptor.<String, String>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("isoprobe.test.Servers/Who")
      .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();

  /** A server whose readiness check ({@code db}) hangs while {@link #hang} is armed. */
  static final class Backend implements AutoCloseable {
    final String name;
    final Probes probes;
    final Server server;
    final AtomicInteger watchesOpened = new AtomicInteger();
    volatile CountDownLatch hang;

    Backend(String name) throws IOException {
      this.name = name;
      this.probes = Probes.builder().check(Check.builder("db", ctx -> {
        CountDownLatch armed = hang;
        if (armed != null) {
          armed.await();
        }
        return CheckResult.up();
      }).build()).build();
      ServerServiceDefinition who = ServerServiceDefinition.builder("isoprobe.test.Servers")
          .addMethod(WHO, ServerCalls.asyncUnaryCall((request, responses) -> {
            responses.onNext(name);
            responses.onCompleted();
          })).build();
      ServerInterceptor countWatches = new ServerInterceptor() {
        @Override
        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
          if (call.getMethodDescriptor().equals(HealthGrpc.getWatchMethod())) {
            watchesOpened.incrementAndGet();
          }
          return next.startCall(call, headers);
        }
      };
      this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(ServerInterceptors.intercept(GrpcHealth.of(probes), countWatches))
          .addService(who).build().start();
    }

    void heal() {
      hang.countDown();
      hang = null;
    }

    @Override
    public void close() {
      if (hang != null) {
        hang.countDown();
      }
      try {
        probes.shutdown(Duration.ofSeconds(2));
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A call the client made: when it was sent, and which server answered (null: it failed, and why). */
  record Call(long sentNanos, String answeredBy, String failure) {}

  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();
  private Backend a;
  private Backend b;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    client.shutdownNow();
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (Backend backend : new Backend[] {a, b}) {
      if (backend != null) {
        backend.close();
      }
    }
  }

  @Test
  void callsLeaveAHungServerWithin2sComeBackWithin2sOfTheHealAndTheStopLoopsNothing()
      throws Exception {
    a = new Backend("a");
    b = new Backend("b");
    channel = channelTo(a, b);
    client.scheduleAtFixedRate(this::call, 0, 10, TimeUnit.MILLISECONDS);
    await().atMost(Duration.ofSeconds(10)).until(() -> answered("a", 0) > 0 && answered("b", 0) > 0);

    long hangNanos = System.nanoTime();
    a.hang = new CountDownLatch(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> onlyToSince("b", lastSent("a")));
    Duration left = Duration.ofNanos(lastSent("a") - hangNanos);
    System.out.printf("calls left the hung server %d ms after the hang%n", left.toMillis());
    assertThat(left).as("calls left the hung server").isLessThan(ROUTED_WITHIN);

    long healNanos = System.nanoTime();
    a.heal();
    await().atMost(Duration.ofSeconds(10)).until(() -> answered("a", healNanos) > 0);
    Duration back = Duration.ofNanos(firstSent("a", healNanos) - healNanos);
    System.out.printf("calls came back %d ms after the heal%n", back.toMillis());
    assertThat(back).as("calls came back after the heal").isLessThan(ROUTED_WITHIN);

    int watchesBefore = a.watchesOpened.get();
    long stopNanos = System.nanoTime();
    assertThat(a.probes.shutdown(Duration.ofSeconds(2))).isTrue();
    // Calls under way as it stopped may still reach it: those after the last that did go to b.
    await().atMost(Duration.ofSeconds(10)).until(() -> onlyToSince("b",
        lastSent("a") - stopNanos > 0 ? lastSent("a") : stopNanos));
    // The client re-opens its watch once at once, then backs off (1 s, 1.6 s, ... each +-20%):
    // three or four in 3 s; a loop would open hundreds.
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
        assertThat(a.watchesOpened.get() - watchesBefore).as("watches re-opened since the stop")
            .isLessThanOrEqualTo(5));
    System.out.printf("watches re-opened in the 3 s after the stop: %d%n",
        a.watchesOpened.get() - watchesBefore);

    client.shutdown(); // not shutdownNow: its interrupt would fail the call under way
    assertThat(client.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(calls).filteredOn(call -> call.answeredBy() == null).as("failed calls").isEmpty();
  }

  private void call() {
    long sent = System.nanoTime();
    try {
      String by = ClientCalls.blockingUnaryCall(channel, WHO,
          CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "");
      calls.add(new Call(sent, by, null));
    } catch (RuntimeException failed) {
      calls.add(new Call(sent, null, failed.toString()));
    }
  }

  private long answered(String server, long sentAfterNanos) {
    return calls.stream().filter(call -> server.equals(call.answeredBy())
        && call.sentNanos() - sentAfterNanos > 0).count();
  }

  private long lastSent(String server) {
    return calls.stream().filter(call -> server.equals(call.answeredBy()))
        .mapToLong(Call::sentNanos).max().orElseThrow();
  }

  private long firstSent(String server, long afterNanos) {
    return calls.stream().filter(call -> server.equals(call.answeredBy())
        && call.sentNanos() - afterNanos > 0).mapToLong(Call::sentNanos).min().orElseThrow();
  }

  /** Whether the 20 calls or more sent after {@code sinceNanos} went to {@code server} alone. */
  private boolean onlyToSince(String server, long sinceNanos) {
    List<Call> since = calls.stream().filter(call -> call.sentNanos() - sinceNanos > 0).toList();
    return since.size() >= 20 && since.stream().allMatch(call -> server.equals(call.answeredBy()));
  }

  /** A channel over both servers, round robin, with grpc-java's client-side health checking of "". */
  private static ManagedChannel channelTo(Backend... backends) {
    return healthCheckedChannel("", java.util.Arrays.stream(backends)
        .mapToInt(backend -> backend.server.getPort()).toArray());
  }

  /**
   * A channel over servers on 127.0.0.1 at {@code ports}, round robin, with grpc-java's
   * client-side health checking of {@code service}.
   */
  static ManagedChannel healthCheckedChannel(String service, int... ports) {
    List<EquivalentAddressGroup> addresses = java.util.Arrays.stream(ports)
        .mapToObj(port -> new EquivalentAddressGroup(new InetSocketAddress("127.0.0.1", port)))
        .toList();
    NameResolver.Factory fixed = new NameResolver.Factory() {
      @Override
      public NameResolver newNameResolver(URI target, NameResolver.Args args) {
        return new NameResolver() {
          @Override
          public String getServiceAuthority() {
            return "servers";
          }

          @Override
          public void start(Listener2 listener) {
            listener.onResult(ResolutionResult.newBuilder()
                .setAddressesOrError(StatusOr.fromValue(addresses)).build());
          }

          @Override
          public void shutdown() {}
        };
      }

      @Override
      public String getDefaultScheme() {
        return "fixed";
      }
    };
    @SuppressWarnings("deprecation") // the one way to hand a channel its own resolver
    ManagedChannel channel = NettyChannelBuilder.forTarget("fixed:///servers")
        .nameResolverFactory(fixed)
        .defaultServiceConfig(Map.of(
            "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
            "healthCheckConfig", Map.of("serviceName", service)))
        .disableServiceConfigLookUp().usePlaintext().build();
    return channel;
  }
}
