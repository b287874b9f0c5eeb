/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When one report settles many probes joined to it, their answers are written oldest probe
 * first, in the answer lane: the oldest has the least time left before its own deadline. So when
 * the deadline timer settles them, and when the check's own thread does as it returns.
 */
class AnswerOrderTest {

  private static final int PROBES = 50;
  private static final int ANSWER_THREADS = 2;

  private final TestChecks.Blocking hung = new TestChecks.Blocking();
  /** Told once the thread that settled the report has handed every probe its answer. */
  private final CountDownLatch settled = new CountDownLatch(1);

  private ProbeEngine engine(Duration deadline) {
    ProbeEvents settling = new ProbeEvents() {
      @Override
      public void checkSettled(CheckReport report) {
        settled.countDown();
      }
    };
    return new ProbeEngine(List.of(Check.builder("db", hung).build()),
        new ProbeEngine.Settings(deadline, 1, 1, 1, Standing.Thresholds.NONE), Clock.system(), settling,
        new Redactor(List.of()));
  }

  @AfterEach
  void release() {
    hung.release.countDown();
  }

  @Test
  void answersSettledByTheTimerAreWrittenOldestProbeFirst() throws Exception {
    ProbeEngine engine = engine(Duration.ofMillis(200));
    try {
      assertWrittenOldestFirstByTheAnswerLane(engine, () -> { }); // the deadline settles them
    } finally {
      engine.shutdown(Duration.ofSeconds(1));
    }
  }

  @Test
  void answersSettledByAReturningCheckThatManyProbesJoinedAreWrittenOldestProbeFirst()
      throws Exception {
    ProbeEngine engine = engine(Duration.ofSeconds(30));
    try {
      assertWrittenOldestFirstByTheAnswerLane(engine, hung.release::countDown);
    } finally {
      engine.shutdown(Duration.ofSeconds(1));
    }
  }

  private void assertWrittenOldestFirstByTheAnswerLane(ProbeEngine engine, Runnable settle)
      throws Exception {
    List<Long> written = Collections.synchronizedList(new ArrayList<>());
    Set<String> writers = ConcurrentHashMap.newKeySet();
    CountDownLatch allQueued = new CountDownLatch(1);
    for (long arrival = 0; arrival < PROBES; arrival++) {
      long probeArrival = arrival;
      engine.run("readyz", engine.select(null, Set.of())).whenComplete((settled, failure) ->
          engine.write(probeArrival, settled, () -> {
            written.add(probeArrival);
            writers.add(Thread.currentThread().getName().replaceAll("\\d+$", "<n>"));
            // The first answers taken hold both answer threads until every answer is queued.
            awaitQuietly(allQueued);
          }));
    }
    assertThat(hung.started.await(5, TimeUnit.SECONDS)).isTrue();
    settle.run();
    assertThat(settled.await(5, TimeUnit.SECONDS)).as("every answer handed over").isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == ANSWER_THREADS);
    allQueued.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == PROBES);

    assertThat(writers).containsExactly("isoprobe-answer-<n>");
    List<Long> queued = new ArrayList<>(written.subList(ANSWER_THREADS, PROBES));
    int pairs = queued.size() * (queued.size() - 1) / 2;
    // Oldest first, the queued answers come out nearly sorted: two threads take them, and one
    // that is descheduled between taking an answer and writing it moves that answer later.
    // Newest first, they would come out reversed: every pair out of order.
    assertThat(outOfOrderPairs(queued)).isLessThan(pairs / 5);
  }

  /** Counts the pairs that come in the opposite order to their arrival. */
  private static int outOfOrderPairs(List<Long> arrivals) {
    int inversions = 0;
    for (int i = 0; i < arrivals.size(); i++) {
      for (int j = i + 1; j < arrivals.size(); j++) {
        if (arrivals.get(i) > arrivals.get(j)) {
          inversions++;
        }
      }
    }
    return inversions;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
