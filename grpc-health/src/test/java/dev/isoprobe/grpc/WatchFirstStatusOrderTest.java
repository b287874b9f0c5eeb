/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Group;
import dev.isoprobe.HealthListener;
import dev.isoprobe.Probes;
import dev.isoprobe.StatusChange;
import dev.isoprobe.TestChecks;
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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What follows the first {@code NOT_SERVING} a Watch is told
 * when its probe gives no verdict. Each stream must be told its name's statuses in order, and
 * come to its real status once every change is delivered.
 */
class WatchFirstStatusOrderTest {

  /**
   * {@code cache} (background, no result) cannot run: the watch is told NOT_SERVING first; once
   * the lane has room and a probe runs it, its first change (UP) follows, and the stop ends it.
   * Exactly [NOT_SERVING, SERVING, NOT_SERVING], nothing twice, nothing older after newer.
   */
  @Test
  void theFirstNotServingIsFollowedByTheChecksFirstChangeThenTheStop() throws Exception {
    CountDownLatch hogStarted = new CountDownLatch(1);
    CountDownLatch freeHog = new CountDownLatch(1);
    Probes probes = laneHeldBy(hogStarted, freeHog, false);
    try (HealthServer served = new HealthServer(GrpcHealth.of(probes, Duration.ofHours(1)))) {
      assertThat(hogStarted.await(5, TimeUnit.SECONDS)).isTrue();
      GrpcHealthTest.Watching cache = served.watch("cache");
      assertThat(cache.statuses.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
      freeHog.countDown();
      // hog (background) returns UP once freed; a probe of cache then runs it: UP.
      await().atMost(Duration.ofSeconds(5)).until(
          () -> probes.probe("cache").orElseThrow().get(5, TimeUnit.SECONDS));
      assertThat(cache.statuses.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);
      assertThat(probes.shutdown(Duration.ofSeconds(5))).isTrue();
      assertThat(cache.ended.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(cache.statuses.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(cache.statuses).isEmpty();
    } finally {
      freeHog.countDown();
      probes.shutdown(Duration.ofSeconds(2));
    }
  }

  /**
   * A name ({@code db}) covering {@code db/a}, whose UP change is still on its way to the
   * watchers (held by a lagging listener), and {@code db/b}, background, whose run the lane
   * rejects: told NOT_SERVING first (db/b has no status anywhere); db/a's late change tells
   * nothing (db/b still has none); db/b's first change then tells SERVING. Nothing else.
   */
  @Test
  void aNameCoveringACheckWhoseChangeIsLateAndOneWithoutStatusIsToldNotServingThenServing()
      throws Exception {
    CountDownLatch hogStarted = new CountDownLatch(1);
    CountDownLatch freeHog = new CountDownLatch(1);
    Probes probes = laneHeldBy(hogStarted, freeHog, true);
    Watchers watchers = new Watchers(probes, Duration.ofHours(1));
    CountDownLatch release = new CountDownLatch(1);
    List<String> delivered = new java.util.concurrent.CopyOnWriteArrayList<>();
    probes.addListener(new HealthListener() {
      @Override
      public void checkChanged(StatusChange change) {
        TestChecks.awaitIgnoringInterrupts(release);
        watchers.checkChanged(change);
        delivered.add(change.name() + "=" + change.up());
      }

      @Override
      public void stateChanged(Probes.State state) {
        watchers.stateChanged(state);
      }
    });
    Server server = serve(watchers);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
        .usePlaintext().build();
    try {
      assertThat(hogStarted.await(5, TimeUnit.SECONDS)).isTrue();
      GrpcHealthTest.Watching db = new GrpcHealthTest.Watching();
      HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService("db").build(), db);
      assertThat(db.statuses.poll(5, TimeUnit.SECONDS)).as("first").isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(probes.status("db/a")).contains(true);
      assertThat(probes.status("db/b")).isEmpty();

      release.countDown(); // db/a's UP (and hog's, once freed) reach the watchers now
      await().atMost(Duration.ofSeconds(5)).until(() -> delivered.contains("db/a=true"));
      assertThat(db.statuses.poll(200, TimeUnit.MILLISECONDS)).as("db/b has no status yet").isNull();

      freeHog.countDown();
      await().atMost(Duration.ofSeconds(5)).until(
          () -> probes.probe("db/b").orElseThrow().get(5, TimeUnit.SECONDS));
      assertThat(db.statuses.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);
      assertThat(probes.shutdown(Duration.ofSeconds(5))).isTrue();
      assertThat(db.ended.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(new ArrayList<>(db.statuses)).containsExactly(ServingStatus.NOT_SERVING);
    } finally {
      release.countDown();
      freeHog.countDown();
      probes.shutdown(Duration.ofSeconds(2));
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * The race the fix reasons about, many times over: the lane frees and {@code cache} gets its
   * first status (its change on its way to the watchers) while the watch's own rejected probe's
   * callback decides whether to tell NOT_SERVING. Whatever the order, a stream is told either
   * [SERVING] or [NOT_SERVING, SERVING]: never SERVING then NOT_SERVING, never nothing.
   */
  @Test
  void aFirstStatusRacingTheChecksFirstChangeNeverEndsOlder() throws Exception {
    int rounds = 52;
    List<String> bad = new ArrayList<>();
    int toldNotServingFirst = 0;
    for (int round = 0; round < rounds; round++) {
      CountDownLatch hogStarted = new CountDownLatch(1);
      CountDownLatch freeHog = new CountDownLatch(1);
      Probes probes = laneHeldBy(hogStarted, freeHog, false);
      try (HealthServer served = new HealthServer(GrpcHealth.of(probes, Duration.ofMillis(10)))) {
        assertThat(hogStarted.await(5, TimeUnit.SECONDS)).isTrue();
        // The lane frees, and a probe gives cache its first status, as the watch registers and
        // its own probe is rejected: from 0 to ~250 us after it is registered, a different
        // moment each round (jitter only: the outcome is checked whatever the order).
        long offsetNanos = (round % 26) * 10_000L;
        GrpcHealthTest.Watching cache = served.watch("cache");
        while (served.health.watching() == 0) {
          Thread.onSpinWait();
        }
        long spinUntil = System.nanoTime() + offsetNanos;
        while (System.nanoTime() - spinUntil < 0) {
          Thread.onSpinWait();
        }
        freeHog.countDown();
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ZERO)
            .pollInterval(Duration.ofMillis(1))
            .until(() -> probes.probe("cache").orElseThrow().get(5, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(10)).until(
            () -> cache.statuses.contains(ServingStatus.SERVING));
        assertThat(probes.shutdown(Duration.ofSeconds(5))).isTrue();
        assertThat(cache.ended.get(5, TimeUnit.SECONDS).getCode())
            .isEqualTo(Status.Code.UNAVAILABLE);
        List<ServingStatus> told = new ArrayList<>(cache.statuses);
        if (!(told.equals(List.of(ServingStatus.SERVING, ServingStatus.NOT_SERVING))
            || told.equals(List.of(ServingStatus.NOT_SERVING, ServingStatus.SERVING,
                ServingStatus.NOT_SERVING)))) {
          bad.add("round " + round + ": " + told);
        }
        if (told.get(0) == ServingStatus.NOT_SERVING) {
          toldNotServingFirst++;
        }
      } finally {
        freeHog.countDown();
        probes.shutdown(Duration.ofSeconds(2));
      }
    }
    System.out.printf("first-status race: %d of %d rounds told NOT_SERVING first%n", toldNotServingFirst,
        rounds);
    assertThat(bad).isEmpty();
  }

  /**
   * Lock order (question 2): the answer callback holds the watchers' monitor and takes each
   * covered check's runner's (Probes.status). Streams open and cancel on names covering
   * background checks the full lane rejects and checks that flip, probed every 10 ms, while the
   * answers complete on check threads, the answer lane and gRPC threads: no thread may end up
   * deadlocked, and a new Watch is still told a first status afterwards.
   */
  @Test
  void opensCancelsAndTurnsWhileTheLaneRejectsDeadlockNothing() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean flip = new java.util.concurrent.atomic.AtomicBoolean();
    Probes.Builder builder = Probes.builder().deadline(Duration.ofMillis(300)).deadlockCheck(false)
        .warmUp(Duration.ZERO).executorThreads(1).queueCapacity(0);
    for (int i = 1; i <= 3; i++) {
      builder.check(Check.builder("bg/" + i, ctx -> CheckResult.up())
          .refreshEvery(Duration.ofMillis(50 * 7)).build());
      builder.check(Check.builder("n/" + i, ctx -> flip.get() ? CheckResult.up() : CheckResult.down())
          .build());
      builder.check(Check.builder("live/" + i, ctx -> flip.get() ? CheckResult.up()
          : CheckResult.down()).groups(Group.LIVENESS).build());
    }
    Probes probes = builder.build();
    List<String> names = List.of("", "readiness", "liveness", "bg", "bg/1", "n", "n/2", "live",
        "live/3");
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    try (HealthServer served = new HealthServer(GrpcHealth.of(probes, Duration.ofMillis(10)))) {
      java.util.Random random = new java.util.Random(5);
      List<GrpcHealthTest.Watching> open = new ArrayList<>();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
      for (int step = 0; step < 600 && System.nanoTime() - end < 0; step++) {
        int pick = random.nextInt(10);
        if (pick < 5 || open.isEmpty()) {
          open.add(served.watch(names.get(random.nextInt(names.size()))));
        } else if (pick < 8) {
          open.remove(random.nextInt(open.size())).call.get().cancel("gone", null);
        } else {
          flip.set(!flip.get());
          probes.probe(names.get(random.nextInt(names.size())).isEmpty() ? "readiness" : "n");
        }
        names.forEach(name -> { if (!name.isEmpty()) { probes.status(name); } });
        if (random.nextInt(20) == 0) {
          assertThat(threads.findDeadlockedThreads()).as("deadlocked threads").isNull();
        }
      }
      assertThat(threads.findDeadlockedThreads()).as("deadlocked threads").isNull();
      await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
          .untilAsserted(() -> assertThat(open).as("streams told no first status")
              .allMatch(watching -> !watching.statuses.isEmpty()));
      assertThat(served.watch("bg").next()).isNotNull();
    } finally {
      probes.shutdown(Duration.ofSeconds(2));
    }
    assertThat(threads.findDeadlockedThreads()).isNull();
  }

  private static Server serve(Watchers watchers) throws Exception {
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(HealthGrpc.bindService(new HealthGrpc.AsyncService() {
          @Override
          public void watch(HealthCheckRequest request,
              StreamObserver<HealthCheckResponse> responses) {
            watchers.watch(request.getService(),
                (ServerCallStreamObserver<HealthCheckResponse>) responses);
          }
        })).build().start();
  }

  /**
   * Probes whose check lane has one thread and no queue, held by {@code hog} (background,
   * ignores its interrupt) until {@code freeHog}; {@code cache} (background, not due for 30 min)
   * has no result; with {@code db}, also {@code db/a} (liveness lane, UP) and {@code db/b}
   * (background, check lane, not due).
   */
  private static Probes laneHeldBy(CountDownLatch hogStarted, CountDownLatch freeHog, boolean db) {
    Probes.Builder builder = Probes.builder().deadline(Duration.ofMillis(500)).deadlockCheck(false)
        .warmUp(Duration.ZERO).executorThreads(1).queueCapacity(0)
        .check(Check.builder("hog", ctx -> {
          hogStarted.countDown();
          TestChecks.awaitIgnoringInterrupts(freeHog);
          return CheckResult.up();
        }).refreshEvery(Duration.ofHours(1)).build())
        .check(Check.builder("cache", ctx -> CheckResult.up())
            .refreshEvery(Duration.ofHours(1)).build());
    if (db) {
      builder.check(Check.builder("db/a", ctx -> CheckResult.up()).groups(Group.LIVENESS).build())
          .check(Check.builder("db/b", ctx -> CheckResult.up())
              .refreshEvery(Duration.ofHours(1)).build());
    }
    return builder.build();
  }
}
