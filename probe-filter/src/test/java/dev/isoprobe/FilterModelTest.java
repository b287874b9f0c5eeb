/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.ModelCheck.Kind;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded, randomized model of the whole filter, as containers drive it, on a fake clock:
 * probes of every path from several threads at once, over checks that return at once, block,
 * spin ignoring interrupts, throw, return null, carry details that cannot be rendered, or
 * register cancel callbacks that block or throw; with result caching, background refresh,
 * failure and success thresholds and timeouts of their own, clients that hang up before their
 * answer, and shutdown at a random moment; while the sinks isoprobe tells fail: a log appender
 * and a health listener that throw {@link Error}s. After every step it holds that:
 * <ul>
 *   <li>every probe is answered exactly once, by its arrival plus the deadline on the fake clock,
 *       and never with a 500 or an exception out of the filter;
 *   <li>a healthy check is answered 200, or 503 {@code shutting down} once isoprobe stops;
 *   <li>no answer holds a check's exception message;
 *   <li>at most one execution of a check runs at a time, so a stuck check never starts twice;
 *   <li>shutdown answers every probe in flight at once, and, once everything heals, no lane slot,
 *       thread or probe in flight is left behind;
 *   <li>a health listener, added before the first outcome or at a random moment after, hears each
 *       check's and group's status once per change, in order, first outcomes included, on the
 *       listener thread, and at the end the status each check and group has.
 * </ul>
 * A failure names its seed; {@code -Disoprobe.model.seed=N} replays it, and
 * {@code -Disoprobe.model.seeds=1000} runs that many (as {@link EngineModelTest} does).
 * {@code -Disoprobe.model.healthyProbes=10000000} sets the healthy storm's count.
 */
class FilterModelTest {

  private static final Duration DEADLINE = Duration.ofMillis(800);
  private static final long MS = 1_000_000;
  private static final int ROUNDS = 40;
  private static final int PROBERS = 4;
  private static final ExecutorService probers = Executors.newFixedThreadPool(PROBERS);

  @AfterAll
  static void stopProbers() {
    probers.shutdownNow();
  }

  static Stream<Long> seeds() {
    return EngineModelTest.seeds();
  }

  record Probe(ModelHttp http, boolean healthy, boolean beforeShutdown) {}

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails its seed
  void everyProbeIsAnsweredOnceByItsDeadlineAndHealthyChecksAreAlwaysUp(long seed)
      throws Exception {
    Random random = new Random(seed);
    String replay = "seed " + seed + " (replay: -Disoprobe.model.seed=" + seed + ")";
    FakeTime time = new FakeTime();
    List<ModelCheck> checks = new ArrayList<>();
    Probes.Builder builder = Probes.builder().clock(time).deadline(DEADLINE).deadlockCheck(false)
        .showDetails(ShowDetails.ALWAYS);
    int fast = 1 + random.nextInt(3); // with the unrenderable one, the liveness lane's 4 slots
    int others = 2 + random.nextInt(6);
    for (int i = 0; i < fast + 1 + others; i++) {
      Kind kind = i < fast ? Kind.FAST : i == fast ? Kind.UNRENDERABLE
          : Kind.values()[2 + random.nextInt(Kind.values().length - 2)];
      ModelCheck check = new ModelCheck(kind.name().toLowerCase().replace('_', '-') + i, kind);
      Check.Builder spec = Check.builder(check.name, check);
      if (kind.healthy()) {
        spec.groups(Group.LIVENESS); // never behind a hung check in the lane
      }
      switch (random.nextInt(3)) {
        case 0 -> spec.cacheFor(Duration.ofMillis(random.nextInt(2_000)));
        // Not a healthy check's: its runs are not awaited before the clock moves on, so a
        // descheduled lane thread could see its fake deadline pass.
        case 1 -> {
          if (!kind.healthy()) {
            spec.refreshEvery(Duration.ofMillis(100 + random.nextInt(2_000)));
          }
        }
        default -> { }
      }
      if (!kind.healthy()) {
        spec.failureThreshold(1 + random.nextInt(3)).successThreshold(1 + random.nextInt(2));
      }
      if (random.nextBoolean()) {
        spec.timeout(Duration.ofMillis(50 + random.nextInt((int) DEADLINE.toMillis() - 50)));
      }
      builder.check(spec.build());
      checks.add(check);
    }
    ModelListener heard = new ModelListener();
    Probes probes;
    Filter filter;
    int listenerRound = random.nextBoolean() ? -1 : random.nextInt(ROUNDS);
    int shutdownRound = random.nextInt(2 * ROUNDS); // in about half the seeds
    List<Probe> waiting = new ArrayList<>();
    List<Probe> all = new ArrayList<>();
    boolean stopped = false;
    try (FailingSinks sinks = FailingSinks.start(random.nextLong())) {
      probes = builder.build();
      filter = probes.filter();
      probes.addListener(sinks.listener());
      if (listenerRound < 0) {
        probes.addListener(heard);
      }
      // The warm-up's first runs of the healthy checks end before the clock moves, as their
      // probes' runs do below; the others' are joined, brought forward and timed out by probes.
      Awaitility.await(replay + ": healthy checks warmed up").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(1)).until(() -> checks.stream()
              .filter(check -> check.kind.healthy())
              .allMatch(check -> probes.engine().named(null, check.name).get(0).up() != null));
      for (int round = 0; round < ROUNDS; round++) {
        if (round == listenerRound) {
          probes.addListener(heard); // late: it first hears what each status is now
        }
        if (round == shutdownRound) {
          shutDown(probes, all, replay);
          stopped = true;
        }
        List<Probe> issued = probeAtOnce(random, filter, checks, time, !stopped, replay);
        all.addAll(issued);
        waiting.addAll(issued);
        // The clock stands still until healthy checks have answered: they can never time out.
        for (Probe probe : issued) {
          if (probe.healthy()) {
            awaitAnswer(probe, replay);
          }
        }
        // Nor until the runs of healthy checks that only other probes started have returned (a
        // /readyz or a gone client's): on a busy machine their threads may not have run yet, and
        // a clock moved past their deadline times them out, which a healthy probe of the next
        // round then joined (seed 7, Java 25, two CPU-bound loops beside it: fast1 "timeout
        // after 199ms").
        Awaitility.await(replay + ": healthy checks' runs returned").atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(1)).until(() -> checks.stream()
                .filter(check -> check.kind.healthy())
                .allMatch(check -> probes.engine().named(null, check.name).get(0).isIdle()));
        for (ModelCheck check : checks) {
          if (!check.kind.healthy() && random.nextInt(5) == 0) {
            check.toggle();
          }
        }
        long millis = random.nextInt(400);
        for (long step = 0; step < millis; step++) {
          time.advance(MS);
          settle(waiting, time.nanoTime(), replay);
        }
      }
      checks.forEach(ModelCheck::heal);
      Awaitility.await(replay + ": every probe answered once healed").atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(5)).until(() -> {
            time.advance(DEADLINE.toNanos());
            return waiting.stream().allMatch(probe -> probe.http().isAnswered());
          });
      settle(waiting, Long.MAX_VALUE, replay);
      assertThat(probes.inFlight().size()).as(replay + ": probes in flight").isZero();
      if (!stopped) {
        assertThat(probes.engine().lanes()).as(replay + ": lane slots").allSatisfy(lane ->
            Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> lane.freeSlots() == (lane.name().equals("check") ? 4 + 16 : 2 + 2)));
      }
      for (ModelCheck check : checks) {
        assertThat(check.mostRunning).as("%s: executions of %s at once", replay, check.name)
            .hasValueLessThanOrEqualTo(1);
      }
      if (!stopped) {
        heard.assertFollows(probes, replay);
      }
      assertThat(probes.shutdown(Duration.ofSeconds(5))).as(replay + ": every thread ended").isTrue();
      assertThat(probes.engine().liveThreads()).as(replay).isEmpty();
    } finally {
      checks.forEach(ModelCheck::heal);
    }
    probes.close();
  }

  /** Stops isoprobe: every probe in flight is answered at once, and stop is bounded. */
  private static void shutDown(Probes probes, List<Probe> all, String replay) throws Exception {
    long start = System.nanoTime();
    probes.shutdown(Duration.ofMillis(50));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as(replay + ": shutdown took")
        .isLessThan(Duration.ofSeconds(2));
    for (Probe probe : all) {
      assertThat(probe.http().isAnswered()).as("%s: %s answered by shutdown", replay,
          probe.http().path).isTrue();
    }
  }

  private static List<Probe> probeAtOnce(Random random, Filter filter, List<ModelCheck> checks,
      FakeTime time, boolean open, String replay) throws Exception {
    List<String> paths = new ArrayList<>();
    List<Boolean> healthy = new ArrayList<>();
    List<Boolean> gone = new ArrayList<>();
    int count = 1 + random.nextInt(200);
    for (int i = 0; i < count; i++) {
      ModelCheck check = checks.get(random.nextInt(checks.size()));
      String path;
      boolean isHealthy;
      switch (random.nextInt(4)) {
        case 0 -> {
          path = "/livez"; // the healthy checks' group
          isHealthy = true;
        }
        case 1 -> {
          path = random.nextBoolean() ? "/readyz" : "/healthz";
          isHealthy = false;
        }
        default -> {
          path = (check.kind.healthy() ? "/livez/" : "/readyz/") + check.name;
          isHealthy = check.kind.healthy();
        }
      }
      paths.add(random.nextBoolean() ? path + "?verbose" : path);
      healthy.add(isHealthy);
      gone.add(random.nextInt(20) == 0);
    }
    List<Probe> issued = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> escaped = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(PROBERS);
    for (int prober = 0; prober < PROBERS; prober++) {
      int first = prober;
      probers.execute(() -> {
        try {
          for (int i = first; i < paths.size(); i += PROBERS) {
            ModelHttp http = new ModelHttp(paths.get(i), time.nanoTime(), gone.get(i));
            issued.add(new Probe(http, healthy.get(i) && !gone.get(i), open));
            try {
              filter.doFilter(http.request(), http.response(), (request, response) -> {
                throw new AssertionError("a probe path was passed down the chain");
              });
              http.answeredInline();
            } catch (Throwable failure) {
              escaped.add(failure); // the container would answer 500
            }
          }
        } finally {
          done.countDown();
        }
      });
    }
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(escaped).as(replay + ": exceptions out of the filter").isEmpty();
    return issued;
  }

  private static void awaitAnswer(Probe probe, String replay) throws InterruptedException {
    assertThat(probe.http().answered.await(5, TimeUnit.SECONDS))
        .as("%s: healthy %s answered", replay, probe.http().path).isTrue();
  }

  /** Removes the probes answered so far, checking each answer; fails on one that is late. */
  private static void settle(List<Probe> waiting, long nowNanos, String replay) throws Exception {
    for (var it = waiting.iterator(); it.hasNext(); ) {
      Probe probe = it.next();
      ModelHttp http = probe.http();
      boolean due = nowNanos == Long.MAX_VALUE || http.arrivalNanos + DEADLINE.toNanos() - nowNanos <= 0;
      if (due && !http.isAnswered()) {
        // Decided in time, an answer may still be on its way from an answer thread: that takes
        // real time, while the fake clock stands still.
        assertThat(http.answered.await(2, TimeUnit.SECONDS))
            .as("%s: %s answered by its deadline", replay, http.path).isTrue();
      }
      if (http.isAnswered()) {
        check(probe, replay);
        it.remove();
      }
    }
  }

  private static void check(Probe probe, String replay) {
    ModelHttp http = probe.http();
    assertThat(http.statuses).as("%s: %s statuses set", replay, http.path).hasValue(1);
    assertThat(http.completions).as("%s: %s completions", replay, http.path)
        .hasValueLessThanOrEqualTo(1);
    assertThat(http.status()).as("%s: %s status", replay, http.path).isIn(200, 503);
    if (http.clientGone) {
      return;
    }
    assertThat(http.body()).as("%s: %s body", replay, http.path).doesNotContain(ModelCheck.SECRET);
    if (probe.healthy()) {
      if (probe.beforeShutdown() && http.status() == 200) {
        return;
      }
      assertThat(http.status() + " " + http.body()).as("%s: healthy %s", replay, http.path)
          .isEqualTo("503 shutting down");
    }
  }

  /**
   * Healthy checks that return at once, probed without pause by four threads on the real clock
   * and timer, each answer checked: not one may be anything but 200. The race that answered a
   * returning check {@code stuck for 0ms} showed about once in 200,000.
   */
  @Test
  void healthyChecksProbedWithoutPauseAreAlwaysUp() throws Exception {
    long total = Long.getLong("isoprobe.model.healthyProbes", 200_000);
    Probes probes = Probes.builder().deadlockCheck(false)
        .check(Check.builder("disk", ctx -> CheckResult.up()).build())
        .check(Check.builder("state", ctx -> CheckResult.up(Map.of("state", "ACCEPTING"))).build())
        .check(Check.builder("ping", ctx -> CheckResult.up()).groups(Group.LIVENESS).build())
        .build();
    Filter filter = probes.filter();
    String[] paths = {"/readyz?verbose", "/readyz/disk", "/livez", "/healthz"};
    AtomicLong answered = new AtomicLong();
    Map<String, AtomicLong> wrong = new java.util.concurrent.ConcurrentHashMap<>();
    List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
    try {
      for (int w = 0; w < PROBERS; w++) {
        int worker = w;
        workers.add(probers.submit(() -> {
          for (long i = worker; i < total; i += PROBERS) {
            ModelHttp http = new ModelHttp(paths[(int) (i % paths.length)], 0, false);
            try {
              filter.doFilter(http.request(), http.response(), (request, response) -> { });
              http.answeredInline();
              if (!http.answered.await(5, TimeUnit.SECONDS) || http.status() != 200) {
                wrong.computeIfAbsent(http.status() + " " + http.body(), key -> new AtomicLong())
                    .incrementAndGet();
              }
            } catch (Exception failure) {
              wrong.computeIfAbsent(failure.toString(), key -> new AtomicLong()).incrementAndGet();
            }
            answered.incrementAndGet();
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> worker : workers) {
        worker.get(30, TimeUnit.MINUTES);
      }
      assertThat(answered).hasValue(total);
      assertThat(wrong).as("answers other than 200, of %d", total).isEmpty();
      System.out.printf("isoprobe healthy storm: %d probes, 0 answered other than 200%n", total);
    } finally {
      probes.close();
    }
  }
}
