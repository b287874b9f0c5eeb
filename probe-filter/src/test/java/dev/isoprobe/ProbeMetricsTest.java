/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A scripted sequence of probes against real Jetty, then the meters it must have left. */
class ProbeMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void probesAnsweredLateAreCounted() throws Exception {
    FakeTime time = new FakeTime();
    CountDownLatch release = new CountDownLatch(1);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(200)).deadlockCheck(false).warmUp(Duration.ZERO)
        .clock(time).metrics(ProbeMetrics.of(registry))
        .check(Check.builder("db", ctx -> EpisodeLogTest.blockUntilReleased(release)).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      CompletableFuture<HttpResponse<String>> late = server.getAsync("/readyz");
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.inFlight().size() == 1);
      // The deadline timer held past the deadline by a tenth of a second, more than the grace
      // of a thirty-second.
      time.timer("timer").held = true;
      time.advance(Duration.ofMillis(300).toNanos());
      assertThat(lateProbes("readyz")).isZero();
      time.timer("timer").held = false;
      time.advance(0);

      assertThat(late.get(5, TimeUnit.SECONDS).body())
          .isEqualTo("[-]db failed: timeout after 300ms\nreadyz check failed");
      // Counted once the answer is written: just after the client has it.
      await().atMost(Duration.ofSeconds(2)).until(() -> lateProbes("readyz") == 1);
    } finally {
      release.countDown();
    }
  }

  private double lateProbes(String probe) {
    Counter counter = registry.find("isoprobe.probe.late").tags("probe", probe).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void metersCountWhatProbesSaw() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger fastRuns = new AtomicInteger();
    Probes probes = Probes.builder().warmUp(Duration.ZERO) // every meter counts what probes ran
        .deadline(Duration.ofSeconds(1)) // room for a cold first probe on a loaded machine
        .executorThreads(2).queueCapacity(0) // two hung checks fill the lane: the next is rejected
        .metrics(ProbeMetrics.of(registry).tags(List.of(Tag.of("app", "test"))))
        .check(Check.builder("fast", ctx -> {
          fastRuns.incrementAndGet();
          return CheckResult.up();
        }).build())
        .check(Check.builder("down", ctx -> CheckResult.down()).build())
        .check(Check.builder("boom", ctx -> {
          throw new IllegalStateException("boom");
        }).build())
        .check(Check.builder("hung", ctx -> EpisodeLogTest.blockUntilReleased(release)).build())
        .check(Check.builder("hung2", ctx -> EpisodeLogTest.blockUntilReleased(release)).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> fast = server.get("/readyz/fast");
        assertThat(fast.statusCode()).as(fast.body()).isEqualTo(200);
      }
      assertThat(server.get("/readyz/down").statusCode()).isEqualTo(503);
      assertThat(server.get("/readyz/boom").statusCode()).isEqualTo(503);
      assertThat(server.get("/readyz/hung").body()).contains("timeout after");
      assertThat(server.get("/readyz/hung2").body()).contains("timeout after");
      assertThat(gauge("isoprobe.executor.active", "lane", "check")).isEqualTo(2);
      // Stuck once the unwind grace has passed since their interrupt.
      await().atMost(Duration.ofSeconds(5)).until(() -> gauge("isoprobe.checks.stuck") == 2);
      assertThat(server.get("/readyz/hung").body()).contains("stuck for");
      assertThat(server.get("/readyz/hung").body()).contains("stuck for");
      assertThat(server.get("/readyz/fast").body()).contains("rejected");
      assertThat(server.get("/livez").statusCode()).isEqualTo(200);
      assertThat(server.get("/readyz/nope").statusCode()).isEqualTo(404);
      assertThat(server.send(HttpRequest.newBuilder(server.uri("/readyz"))
          .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode()).isEqualTo(405);

      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> gauge("isoprobe.checks.stuck") == 0
          && gauge("isoprobe.executor.active", "lane", "check") == 0);
      assertThat(server.get("/readyz/fast").statusCode()).isEqualTo(200);
    }

    assertThat(requests("readyz", "200")).isEqualTo(4);
    assertThat(requests("readyz", "503")).isEqualTo(7);
    assertThat(requests("readyz", "404")).isEqualTo(1);
    assertThat(requests("readyz", "405")).isEqualTo(1);
    assertThat(requests("livez", "200")).isEqualTo(1);

    // One sample per execution: a probe that joined a just-finished execution shares its report.
    assertThat(fastRuns.get()).isBetween(2, 4);
    assertThat(durations("fast", "up")).isEqualTo(fastRuns.get());
    assertThat(durations("fast", "rejected")).isEqualTo(1);
    assertThat(durations("down", "down")).isEqualTo(1);
    assertThat(durations("boom", "error")).isEqualTo(1);
    assertThat(durations("hung", "timeout")).isEqualTo(1);
    assertThat(durations("hung2", "timeout")).isEqualTo(1);
    assertThat(durations("hung", "stuck")).isEqualTo(2);
    assertThat(durations("deadlock", "up")).isEqualTo(1);
    Timer timeout = registry.get("isoprobe.check.duration").tags("check", "hung", "outcome", "timeout").timer();
    // Timed out at the check timeout the 1 s deadline gives a check without its own.
    Duration deadline = Duration.ofSeconds(1);
    double checkTimeoutMillis = deadline.minus(AnswerReserve.least(deadline)).toNanos() / 1e6;
    assertThat(timeout.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
        .isBetween(checkTimeoutMillis, checkTimeoutMillis + 300);

    assertThat(registry.get("isoprobe.check.timeouts").tags("check", "hung").counter().count()).isEqualTo(1);
    assertThat(registry.get("isoprobe.check.timeouts").tags("check", "hung2").counter().count()).isEqualTo(1);
    assertThat(registry.get("isoprobe.check.timeouts").tags("check", "fast").counter().count()).isZero();
    assertThat(registry.get("isoprobe.executor.rejected").tags("lane", "check").counter().count()).isEqualTo(1);
    assertThat(registry.get("isoprobe.executor.rejected").tags("lane", "liveness").counter().count()).isZero();
    assertThat(gauge("isoprobe.executor.queued", "lane", "check")).isZero();
    assertThat(registry.getMeters()).allSatisfy(meter ->
        assertThat(meter.getId().getTag("app")).as(meter.getId().toString()).isEqualTo("test"));
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  private double requests(String probe, String status) {
    return registry.get("isoprobe.probe.requests").tags("probe", probe, "status", status).counter().count();
  }

  private long durations(String check, String outcome) {
    return registry.get("isoprobe.check.duration").tags("check", check, "outcome", outcome).timer().count();
  }
}
