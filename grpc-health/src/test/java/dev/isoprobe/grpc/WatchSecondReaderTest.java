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
import dev.isoprobe.TestChecks;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Second reader's reproductions against the rewritten watchers: each test states what the
 * documentation promises, and fails where the code does otherwise.
 */
class WatchSecondReaderTest {

  /**
   * GrpcHealth's Javadoc: a Watch "opened after [the probes stop] ends with UNAVAILABLE and no
   * status", and the watch thread runs "until the probes stop". A health service made from probes
   * that already stopped (or made while they stop: addListener's catch-up tells no state) never
   * hears STOPPING: the stream is told NOT_SERVING and left open, and its timer thread runs on.
   */
  @Test
  void aServiceMadeAfterTheProbesStoppedRefusesWatchesAndStartsNoThread() throws Exception {
    Probes probes = Probes.builder().deadline(Duration.ofMillis(300)).deadlockCheck(false)
        .check(Check.builder("db", ctx -> CheckResult.up()).build()).build();
    assertThat(probes.shutdown(Duration.ofSeconds(2))).isTrue();
    long watchThreadsBefore = TestChecks.liveThreads("isoprobe-grpc-watch");

    try (HealthServer server = new HealthServer(GrpcHealth.of(probes))) {
      GrpcHealthTest.Watching watching = server.watch("");
      Status ended = null;
      try {
        ended = watching.ended.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException stillOpen) {
        // reported below
      }
      assertThat(ended).as("the Watch opened after stop ends (statuses told: %s, watching: %s)",
          watching.statuses, server.health.watching()).isNotNull();
      assertThat(ended.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(watching.statuses).as("no status before UNAVAILABLE").isEmpty();
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
          assertThat(TestChecks.liveThreads("isoprobe-grpc-watch"))
              .as("isoprobe-grpc-watch threads started for probes that had stopped")
              .isLessThanOrEqualTo(watchThreadsBefore));
    }
  }

  /**
   * GrpcHealth's Javadoc: Watch "sends the current status, then each change". The watchers learn
   * the changes as a HealthListener, whose lane drops events beyond 1024 waiting; the watchers'
   * status is only ever moved by those events (the poller "only runs checks, never tells"). So
   * once the watchers' thread falls behind (a GC pause, a CPU-starved pod, a flapping check with
   * thousands of streams to write each change to), a change dropped then is never made good:
   * the watchers keep the stale status for as long as the check stays as it is, while Check
   * answers the truth. The stall is modelled by holding the watchers' lock (their listener thread
   * blocks on it, as it would behind slow work) while one check flaps 1100 times, filling the
   * lane; then a second, watched check goes down and stays down.
   */
  @Test
  void aWatcherHearsAChangeMadeWhileTheWatchersWereBehindAFlappingCheck() throws Exception {
    AtomicBoolean flapUp = new AtomicBoolean(true);
    AtomicBoolean dbUp = new AtomicBoolean(true);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(300)).deadlockCheck(false)
        .check(Check.builder("flap", ctx -> flapUp.get() ? CheckResult.up() : CheckResult.down())
            .failureThreshold(1).successThreshold(1).build())
        .check(Check.builder("db", ctx -> dbUp.get() ? CheckResult.up() : CheckResult.down())
            .failureThreshold(1).successThreshold(1).build()).build();
    try (HealthServer server = new HealthServer(GrpcHealth.of(probes, Duration.ofMillis(50)))) {
      GrpcHealthTest.Watching watching = server.watch("db");
      assertThat(watching.next()).isEqualTo(ServingStatus.SERVING);
      Field field = GrpcHealth.class.getDeclaredField("watchers");
      field.setAccessible(true);
      Object watchers = field.get(server.health);
      synchronized (watchers) {
        for (int i = 0; i < 1100; i++) {
          flapUp.set(!flapUp.get());
          probes.probe("flap").orElseThrow().get(5, TimeUnit.SECONDS);
        }
        dbUp.set(false);
        assertThat(probes.probe("db").orElseThrow().get(5, TimeUnit.SECONDS)).isFalse();
      }
      assertThat(server.check("db")).as("Check").isEqualTo(ServingStatus.NOT_SERVING);
      ServingStatus next = watching.statuses.poll(5, TimeUnit.SECONDS);
      assertThat(next).as("the watcher's next status within 5 s of db going down and staying "
          + "down (Check says NOT_SERVING; the poller probes db every 50 ms)")
          .isEqualTo(ServingStatus.NOT_SERVING);
    } finally {
      probes.shutdown(Duration.ofSeconds(2));
    }
  }

  /** A group with no checks: Watch agrees with Check, for each group, and ends at stop. */
  @Test
  void aWatchOnAGroupWithNoChecksAgreesWithCheck() throws Exception {
    Probes probes = Probes.builder().deadline(Duration.ofMillis(300)).deadlockCheck(false)
        .check(Check.builder("db", ctx -> CheckResult.up()).groups(dev.isoprobe.Group.READINESS)
            .build()).build();
    try (HealthServer server = new HealthServer(GrpcHealth.of(probes))) {
      for (String group : new String[] {"liveness", "startup"}) {
        GrpcHealthTest.Watching watching = server.watch(group);
        assertThat(watching.next()).as("Watch %s", group).isEqualTo(server.check(group));
      }
    } finally {
      probes.shutdown(Duration.ofSeconds(2));
    }
  }

  /**
   * GrpcHealth's Javadoc: "When the probes stop, each stream is told NOT_SERVING and ends with
   * UNAVAILABLE", and the watch thread runs "until the probes stop". The watchers hear the stop
   * as a listener event; a shutdown whose timeout passes while the watchers' thread is still on
   * an earlier change (modelled by holding their lock) drops the queued STOPPING with the lane (shutdownNow), and
   * nothing else ever ends the streams or the isoprobe-grpc-watch thread.
   */
  @Test
  void aShutdownThatFindsTheWatchersBehindStillEndsEveryWatch() throws Exception {
    AtomicBoolean dbUp = new AtomicBoolean(true);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(300)).deadlockCheck(false)
        .check(Check.builder("db", ctx -> dbUp.get() ? CheckResult.up() : CheckResult.down())
            .failureThreshold(1).successThreshold(1).build()).build();
    try (HealthServer server = new HealthServer(GrpcHealth.of(probes))) {
      GrpcHealthTest.Watching watching = server.watch("db");
      assertThat(watching.next()).isEqualTo(ServingStatus.SERVING);
      Field field = GrpcHealth.class.getDeclaredField("watchers");
      field.setAccessible(true);
      Object watchers = field.get(server.health);
      synchronized (watchers) {
        dbUp.set(false); // a change the watchers' thread is on when the stop comes
        assertThat(probes.probe("db").orElseThrow().get(5, TimeUnit.SECONDS)).isFalse();
        probes.shutdown(Duration.ofMillis(200));
      }
      Status ended = null;
      try {
        ended = watching.ended.get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException stillOpen) {
        // reported below
      }
      assertThat(ended).as("the Watch ends once the probes stopped (statuses since: %s, "
          + "watching: %s, isoprobe-grpc-watch threads: %s)", watching.statuses,
          server.health.watching(), TestChecks.liveThreads("isoprobe-grpc-watch")).isNotNull();
      assertThat(ended.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    } finally {
      probes.shutdown(Duration.ofSeconds(2));
    }
  }
}
