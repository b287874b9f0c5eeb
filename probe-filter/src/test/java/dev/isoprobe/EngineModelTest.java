/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.ModelCheck.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded, randomized model of the engine: checks that return at once, block until interrupted,
 * spin ignoring interrupts, throw, or return null, with result caching and timeouts of their own,
 * probed by several threads at once while a fake clock moves on, checks hang and heal, and the
 * answer reserve grows and shrinks. After
 * every step it holds that:
 * <ul>
 *   <li>every execution is settled by its own deadline (the check's timeout, less the answer
 *       reserve of when it started), on the fake clock;
 *   <li>every probe is answered by its arrival plus the check's timeout, and never exceptionally;
 *   <li>a healthy check is never reported anything but {@code UP};
 *   <li>at most one execution of a check runs at a time, so a stuck check never starts twice;
 *   <li>at the end, once everything heals, no lane slot, thread or execution is left behind.
 * </ul>
 * A failure names its seed; {@code -Disoprobe.model.seed=N} replays it, and
 * {@code -Disoprobe.model.seeds=1000} runs that many.
 */
class EngineModelTest {

  private static final Duration DEADLINE = Duration.ofMillis(800);
  private static final int ROUNDS = 60;
  private static final int PROBERS = 4;
  private static final ExecutorService probers = Executors.newFixedThreadPool(PROBERS);

  @AfterAll
  static void stopProbers() {
    probers.shutdownNow();
  }

  static Stream<Long> seeds() {
    String one = System.getProperty("isoprobe.model.seed");
    if (one != null) {
      return Stream.of(Long.parseLong(one));
    }
    long count = Long.getLong("isoprobe.model.seeds", 100);
    return LongStream.rangeClosed(1, count).boxed();
  }

  /** The kinds the runners' model uses: the filter's model adds the rest. */
  private static final List<Kind> HANGING_OR_FAILING =
      List.of(Kind.BLOCKING, Kind.SPINNING, Kind.THROWING, Kind.NULL);

  record Probe(ModelCheck check, long answeredByNanos, CompletableFuture<Settled<CheckReport>> report) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyProbeIsAnsweredByItsDeadlineAndAHealthyCheckIsAlwaysUp(long seed) throws Exception {
    Random random = new Random(seed);
    FakeTime time = new FakeTime();
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    Lane checkLane = new Lane("check", 4, 16, threads);
    // Healthy checks are liveness checks: a lane of their own, as the engine gives liveness.
    Lane livenessLane = new Lane("liveness", 2, 2, threads);
    Lane cancelLane = new Lane("cancel", 2, 16, threads);
    CheckRunner.Shared shared = new CheckRunner.Shared(cancelLane, time, time, ProbeEvents.NONE,
        new Redactor(List.of()), Standing.Thresholds.NONE);
    AnswerReserve reserve = new AnswerReserve(DEADLINE);
    List<ModelCheck> checks = new ArrayList<>();
    List<CheckRunner> runners = new ArrayList<>();
    int fast = 1 + random.nextInt(4); // at most the liveness lane's 4 slots: never rejected
    int others = 2 + random.nextInt(6);
    for (int i = 0; i < fast + others; i++) {
      Kind kind = i < fast ? Kind.FAST
          : HANGING_OR_FAILING.get(random.nextInt(HANGING_OR_FAILING.size()));
      ModelCheck check = new ModelCheck(kind.name().toLowerCase() + i, kind);
      Check.Builder builder = Check.builder(check.name, check);
      if (random.nextInt(3) == 0) {
        builder.cacheFor(Duration.ofMillis(random.nextInt(2_000)));
      }
      Duration timeout = DEADLINE;
      if (random.nextBoolean()) {
        timeout = Duration.ofMillis(50 + random.nextInt((int) DEADLINE.toMillis() - 50));
        builder.timeout(timeout);
      }
      checks.add(check);
      runners.add(new CheckRunner(builder.build(), kind == Kind.FAST ? livenessLane : checkLane,
          timeout.toNanos(), reserve, shared));
    }
    String replay = "seed " + seed + " (replay: -Disoprobe.model.seed=" + seed + ")";
    List<Probe> waiting = new ArrayList<>();
    long answered = 0;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        if (random.nextInt(4) == 0) {
          // Answers lately took this long to write: the reserve grows, cutting later timeouts.
          reserve.written(TimeUnit.MILLISECONDS.toNanos(random.nextInt(400)), time.nanoTime());
        }
        List<Probe> issued = probeAtOnce(random, runners, checks, time);
        for (Probe probe : issued) {
          if (probe.check().kind == Kind.FAST) {
            // The clock stands still until healthy checks return: they can never time out.
            CheckReport report = probe.report().get(10, TimeUnit.SECONDS).report();
            assertThat(report.outcome()).as("%s: healthy %s", replay, probe.check().name)
                .isEqualTo(Outcome.UP);
          }
        }
        waiting.addAll(issued);
        for (ModelCheck check : checks) {
          if ((check.kind == Kind.BLOCKING || check.kind == Kind.SPINNING) && random.nextInt(5) == 0) {
            check.toggle();
          }
        }
        advance(time, TimeUnit.MILLISECONDS.toNanos(random.nextInt(400)), runners, replay);
        answered += settle(waiting, time.nanoTime(), replay);
      }
      checks.forEach(ModelCheck::heal);
      Awaitility.await(replay + ": every execution ends once healed").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(5)).until(() -> {
            time.advance(DEADLINE.toNanos());
            return runners.stream().allMatch(CheckRunner::isIdle);
          });
      answered += settle(waiting, Long.MAX_VALUE, replay);

      assertThat(waiting).as(replay).isEmpty();
      assertThat(answered).as(replay).isPositive();
      for (ModelCheck check : checks) {
        assertThat(check.mostRunning).as("%s: executions of %s at once", replay, check.name)
            .hasValueLessThanOrEqualTo(1);
      }
      assertThat(checkLane.freeSlots()).as(replay + ": check lane slots").isEqualTo(4 + 16);
      assertThat(livenessLane.freeSlots()).as(replay + ": liveness lane slots").isEqualTo(2 + 2);
      assertThat(threads.stream().filter(Thread::isAlive).count()).as(replay + ": lane threads")
          .isLessThanOrEqualTo(4 + 2);
    } finally {
      checks.forEach(ModelCheck::heal);
      checkLane.shutdownNow();
      livenessLane.shutdownNow();
    }
  }

  /** Moves the clock in steps of a millisecond, checking that no execution outlives its deadline. */
  private static void advance(FakeTime time, long nanos, List<CheckRunner> runners, String replay) {
    long step = TimeUnit.MILLISECONDS.toNanos(1);
    for (long moved = 0; moved < nanos; moved += step) {
      time.advance(Math.min(step, nanos - moved));
      for (CheckRunner runner : runners) {
        assertThat(runner.isPastDeadlineUndecided()).as("%s: %s in flight past its deadline", replay,
            runner.name()).isFalse();
      }
    }
  }

  /** Probes random checks from every prober thread at once, the clock standing still. */
  private static List<Probe> probeAtOnce(Random random, List<CheckRunner> runners,
      List<ModelCheck> checks, FakeTime time) throws Exception {
    List<Integer> picks = new ArrayList<>();
    int count = 1 + random.nextInt(200);
    for (int i = 0; i < count; i++) {
      picks.add(random.nextInt(runners.size()));
    }
    List<Probe> issued = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(PROBERS);
    for (int prober = 0; prober < PROBERS; prober++) {
      int first = prober;
      probers.execute(() -> {
        try {
          for (int i = first; i < picks.size(); i += PROBERS) {
            int pick = picks.get(i);
            long now = time.nanoTime();
            // Joined or fresh, a probe's answer comes by its own arrival plus the check's timeout.
            long answeredBy = now + timeoutOf(runners.get(pick));
            issued.add(new Probe(checks.get(pick), answeredBy, runners.get(pick).reportNow()));
          }
        } finally {
          done.countDown();
        }
      });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    return issued;
  }

  private static long timeoutOf(CheckRunner runner) {
    Duration own = runner.check().timeout();
    return (own != null ? own : DEADLINE).toNanos();
  }

  /** Removes the probes answered so far, failing on any that is late or failed. */
  private static int settle(List<Probe> waiting, long nowNanos, String replay) {
    int settled = 0;
    for (var it = waiting.iterator(); it.hasNext(); ) {
      Probe probe = it.next();
      boolean due = probe.answeredByNanos() - nowNanos <= 0 || nowNanos == Long.MAX_VALUE;
      if (due && !probe.report().isDone()) {
        // Decided in time, a report may still be on its way from a descheduled check thread:
        // that takes real time, while the fake clock stands still. Nothing else completes it.
        Awaitility.await(replay + ": " + probe.check().name + " answered by its deadline")
            .atMost(Duration.ofSeconds(2)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
            .until(probe.report()::isDone);
      }
      if (probe.report().isDone()) {
        assertThat(probe.report()).as(replay).isNotCompletedExceptionally();
        it.remove();
        settled++;
      }
    }
    return settled;
  }
}
