/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Probes;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
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
    Probes probes = Probes.builder().deadline(Duration.ofMillis(500)).deadlockCheck(false)
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
    try (HealthServer served = new HealthServer(GrpcHealth.of(probes, Duration.ofMillis(10)))) {
      assertThat(hogStarted.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(served.check("cache")).as("a Check of cache, lane full").isEqualTo(
          ServingStatus.NOT_SERVING);
      GrpcHealthTest.Watching cache = served.watch("cache");
      ServingStatus first = cache.statuses.poll(3, TimeUnit.SECONDS);
      freeHog.countDown();
      assertThat(first).as("the first status of a Watch of cache, within 3 s (deadline 500 ms,"
          + " watchEvery 10 ms), while a Check answers NOT_SERVING").isNotNull();
    } finally {
      freeHog.countDown();
      probes.shutdown(Duration.ofSeconds(2));
    }
  }
}
