/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SequentialProbeTest {

  /**
   * Regression: the flight's slot was freed only after its answer was written, so a caller that
   * probed again as soon as it had the answer joined the finished flight and got a stale result.
   */
  @Test
  void probeAfterAnAnsweredProbeRunsTheCheckAgain() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean();
    AtomicInteger runs = new AtomicInteger();
    Probes probes = Probes.builder().deadlockCheck(false).warmUp(Duration.ZERO)
        .check(Check.builder("flag", ctx -> {
          runs.incrementAndGet();
          return healthy.get() ? CheckResult.up() : CheckResult.down();
        }).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      for (int i = 0; i < 20; i++) {
        healthy.set(i % 2 == 0);
        assertThat(server.get("/readyz").statusCode()).as("probe %d", i).isEqualTo(i % 2 == 0 ? 200 : 503);
      }
      assertThat(runs).hasValue(20);
    } finally {
      probes.close();
    }
  }
}
