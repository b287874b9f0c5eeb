/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Second reader: the reports of probes joined to a run that shutdown abandons. */
class ShutdownHandOffSecondReaderTest {

  @Test
  void everyProbeReportCompletesWhenShutdownAbandonsTheirRun() throws Exception {
    TestChecks.Blocking hog = new TestChecks.Blocking();
    CountDownLatch hold = new CountDownLatch(1);
    FakeTime time = new FakeTime();
    ProbeEngine engine = new ProbeEngine(List.of(Check.builder("hog", hog).build(),
        Check.builder("queued", ctx -> CheckResult.up()).build()),
        new ProbeEngine.Settings(Duration.ofSeconds(30), 1, 1, 1, Standing.Thresholds.NONE), time,
        ProbeEvents.NONE, new Redactor(List.of()));
    engine.run("readyz", engine.named(null, "hog"));
    assertThat(hog.started.await(5, TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Settled<ProbeReport>>> reports = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // more than Execution.INLINE_ANSWERS: handed off
      reports.add(engine.run("readyz", engine.named(null, "queued")));
    }
    // The newest two are taken first: their answers hold both answer threads.
    for (int i = 10; i < 12; i++) {
      long arrival = time.nanoTime();
      reports.get(i).whenComplete((settled, failure) -> engine.write(arrival, settled, () -> {
        try {
          hold.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    engine.shutdown(Duration.ofMillis(200));
    hold.countDown();
    hog.release.countDown();
    // Every report completed (REJECTED) on the shutdown thread; only the writes queued in the
    // answer lane are dropped (shutdown answered their probes before). The first draft dropped
    // the reports themselves.
    assertThat(reports.subList(0, 10)).allMatch(CompletableFuture::isDone, "done");
  }
}
