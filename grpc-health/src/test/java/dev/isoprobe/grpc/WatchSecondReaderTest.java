package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import dev.isoprobe.Probes;
import dev.isoprobe.TestChecks;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
}
