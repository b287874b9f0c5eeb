/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Second reader: listeners added while a check flaps as fast as it can. Each one's catch-up and
 * the changes queued behind it must not tell a status twice nor skip one: what a listener hears
 * of the check alternates (its first 500 events, which its lane cannot have dropped), and ends on
 * the check's last status.
 */
class ListenerCatchUpRaceSecondReaderTest {

  @Test
  void listenersAddedWhileACheckFlapsHearEachChangeOnceAndEndOnItsStatus() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(5)).deadlockCheck(false)
        .check(Check.builder("flap", ctx -> runs.incrementAndGet() % 2 == 0
            ? CheckResult.up() : CheckResult.down()).failureThreshold(1).successThreshold(1).build())
        .build();
    AtomicBoolean flapping = new AtomicBoolean(true);
    Thread flapper = new Thread(() -> {
      while (flapping.get()) {
        try {
          probes.probe("flap").orElseThrow().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          return;
        }
      }
    }, "second-reader-flapper");
    List<List<Boolean>> heard = new ArrayList<>();
    try {
      flapper.start();
      for (int i = 0; i < 200; i++) {
        List<Boolean> statuses = new CopyOnWriteArrayList<>();
        heard.add(statuses);
        probes.addListener(new HealthListener() {
          @Override
          public void checkChanged(StatusChange change) {
            statuses.add(change.up());
          }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> !statuses.isEmpty());
      }
      flapping.set(false);
      flapper.join(10_000);
      boolean last = probes.probe("flap").orElseThrow().get(5, TimeUnit.SECONDS);
      for (int i = 0; i < heard.size(); i++) {
        List<Boolean> statuses = heard.get(i);
        int index = i;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
            assertThat(statuses.get(statuses.size() - 1)).as("listener %d ends on the status", index)
                .isEqualTo(last));
        // Only the first events: a lane holds 1024, so none of these can have been dropped for a
        // listener that fell behind (which the documentation allows for the later ones).
        for (int at = 1; at < Math.min(statuses.size(), 500); at++) {
          assertThat(statuses.get(at)).as("listener %d, change %d of %s: told twice or one skipped",
              i, at, statuses.size()).isNotEqualTo(statuses.get(at - 1));
        }
      }
    } finally {
      flapping.set(false);
      probes.shutdown(Duration.ofSeconds(5));
    }
  }
}
