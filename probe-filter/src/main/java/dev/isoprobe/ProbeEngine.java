/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the checks a probe selects and gathers their reports. Thread-safe. */
final class ProbeEngine {

  /**
   * Threads for cancel callbacks. One that blocks for good holds one; with two, the next
   * execution's callbacks still run.
   */
  private static final int CANCEL_THREADS = 2;

  private final List<CheckRunner> ordered;
  private final Lane checkLane;
  private final Lane livenessLane;
  private final Lane cancelLane;
  private final Scheduler timer;
  private final Scheduler watchdog;
  private final InFlight inFlight;
  /** Writes the answers of the probes this engine runs, where their reports say. */
  private final AnswerWriter answers;
  private final Ticker ticker;
  /** Makes the threads of the health listeners' lanes; see {@link #listenerLane()}. */
  private final ThreadFactory listenerThreads;
  /** A lane per {@link HealthListener} added, stopped when it is removed or the engine stops. */
  private final List<Lane> listenerLanes = new ArrayList<>();
  private boolean listenersStopped;
  /**
   * The threads that run the application's code: checks, their cancel callbacks and health
   * listeners. Dead ones are pruned as new ones start.
   */
  private final Set<Thread> applicationThreads = ConcurrentHashMap.newKeySet();
  /** The threads of isoprobe's own work: timers and answer writers. */
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  /**
   * The engine's sizes: the probe deadline, the threads and queue places of the check lane, the
   * threads of the liveness lane (which queues as many), and the thresholds of checks that set
   * none of their own.
   */
  record Settings(Duration deadline, int applicationThreads, int queueCapacity, int livenessThreads,
      Standing.Thresholds thresholds) {}

  ProbeEngine(List<Check> checks, Settings settings, Clock clock, ProbeEvents events,
      Redactor redactor) {
    Duration deadline = settings.deadline();
    this.checkLane = new Lane("check", settings.applicationThreads(), settings.queueCapacity(),
        this.applicationThreads);
    // Liveness checks never wait behind readiness checks: a hung dependency must not restart the pod.
    this.livenessLane = new Lane("liveness", settings.livenessThreads(),
        settings.livenessThreads(), this.applicationThreads);
    // At most one execution per check runs at a time: room for each one's callbacks to wait.
    this.cancelLane = new Lane("cancel", CANCEL_THREADS, Math.max(1, checks.size()),
        this.applicationThreads);
    this.timer = clock.timer("timer", this.threads);
    this.watchdog = clock.timer("watchdog", this.threads);
    this.inFlight = new InFlight(deadline, watchdog, clock, events);
    this.answers = new AnswerWriter(clock, this.threads);
    this.ticker = clock;
    CheckRunner.Shared shared = new CheckRunner.Shared(cancelLane, timer, clock, events, redactor,
        settings.thresholds());
    List<CheckRunner> runners = new ArrayList<>(checks.size());
    for (Check check : checks) {
      Lane lane = check.groups().contains(Group.LIVENESS) ? livenessLane : checkLane;
      long timeout = (check.timeout() == null ? deadline : check.timeout()).toNanos();
      // A reserve per check: a storm on one check must not shorten the others' time.
      runners.add(new CheckRunner(check, lane, timeout, new AnswerReserve(deadline), shared));
    }
    this.ordered = List.copyOf(runners);
    this.listenerThreads = Lane.daemonThreads("isoprobe-listener-", this.applicationThreads);
  }

  /**
   * Starts the checks, once the listeners are attached, so that they hear the first results:
   * runs each once within {@code warmUp} (none when zero; see {@link CheckRunner#warmUp}), as
   * many at a time as each lane has threads, and starts the background runs of the checks
   * refreshed in the background, spread over their period so that they do not fill the lane at
   * the same instants. Completes when every first run is settled.
   */
  CompletableFuture<Void> start(Duration warmUp) {
    List<CheckRunner> background = new ArrayList<>();
    for (CheckRunner runner : ordered) {
      if (runner.check().refreshEvery() != null) {
        background.add(runner);
      }
    }
    // The warm-up is a background check's first run: the next comes within a period, before its
    // result can be older than the least max age. Without, the first comes at once.
    int first = warmUp.isZero() ? 0 : 1;
    for (int i = 0; i < background.size(); i++) {
      background.get(i).startRefreshing((double) (i + first) / background.size());
    }
    if (warmUp.isZero()) {
      return CompletableFuture.completedFuture(null);
    }
    long endNanos = ticker.nanoTime() + warmUp.toNanos();
    List<CompletableFuture<Void>> passes = new ArrayList<>();
    for (Lane lane : lanes()) {
      Queue<CheckRunner> waiting = new ConcurrentLinkedQueue<>();
      ordered.stream().filter(runner -> runner.lane() == lane).forEach(waiting::add);
      for (int thread = 0; thread < lane.maxThreads(); thread++) {
        passes.add(warmUpNext(waiting, endNanos));
      }
    }
    return CompletableFuture.allOf(passes.toArray(CompletableFuture<?>[]::new));
  }

  /** Warms up the next check waiting, then the one after, until none waits. */
  private CompletableFuture<Void> warmUpNext(Queue<CheckRunner> waiting, long endNanos) {
    CheckRunner next = waiting.poll();
    if (next == null) {
      return CompletableFuture.completedFuture(null);
    }
    long left = Math.max(1, endNanos - ticker.nanoTime());
    return next.warmUp(left).handle((report, failure) -> null)
        .thenCompose(settled -> warmUpNext(waiting, endNanos));
  }

  /**
   * Returns a new lane of one thread for one {@link HealthListener}: a listener that is slow or
   * blocked holds its own thread only. Once the engine stops, the lane takes nothing.
   */
  synchronized Lane listenerLane() {
    listenerLanes.removeIf(Lane::isTerminated); // those of listeners removed
    Lane lane = new Lane("listener", 1, ListenerEvents.PENDING_EVENTS + ListenerEvents.RESERVED,
        applicationThreads, listenerThreads);
    listenerLanes.add(lane);
    if (listenersStopped) {
      lane.shutdown();
    }
    return lane;
  }

  /** Stops taking events: those told so far still reach the listeners, within the shutdown's wait. */
  private synchronized List<Lane> stopListenerLanes() {
    listenersStopped = true;
    listenerLanes.forEach(Lane::shutdown);
    return List.copyOf(listenerLanes);
  }

  /** Returns the engine's clock. */
  Ticker ticker() {
    return ticker;
  }

  /** Returns the probes waiting for their answer. */
  InFlight inFlight() {
    return inFlight;
  }

  /** Returns the lanes that run checks: the check lane, then the liveness lane. */
  List<Lane> lanes() {
    return List.of(checkLane, livenessLane);
  }

  /** Returns how many checks are stuck: past their deadline and still running. */
  int stuckChecks() {
    int stuck = 0;
    for (CheckRunner runner : ordered) {
      if (runner.isStuck()) {
        stuck++;
      }
    }
    return stuck;
  }

  /**
   * Returns the checks of {@code group} (every check when it is null) less those that an excluded
   * name names, in registration order.
   */
  List<CheckRunner> select(Group group, Set<String> excluded) {
    List<CheckRunner> selected = new ArrayList<>(ordered.size());
    for (CheckRunner runner : ordered) {
      if (inGroup(runner, group) && !namedByAny(excluded, runner.name())) {
        selected.add(runner);
      }
    }
    return selected;
  }

  /**
   * Returns the checks of {@code group} (any group when null) that {@code name} names: the check
   * of that name, or every check under it ({@code db} names {@code db/primary}), as Actuator's
   * {@code /actuator/health/db} shows a composite contributor. Empty when it names none.
   */
  List<CheckRunner> named(Group group, String name) {
    List<CheckRunner> members = new ArrayList<>(1);
    for (CheckRunner runner : ordered) {
      if (inGroup(runner, group) && names(name, runner.name())) {
        members.add(runner);
      }
    }
    return members;
  }

  private static boolean inGroup(CheckRunner runner, Group group) {
    return group == null || runner.check().groups().contains(group);
  }

  private static boolean namedByAny(Set<String> names, String check) {
    for (String name : names) {
      if (names(name, check)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} is {@code check}'s own name or a path above it. */
  private static boolean names(String name, String check) {
    return check.startsWith(name)
        && (check.length() == name.length() || check.charAt(name.length()) == '/');
  }

  /**
   * Runs the given checks; the probe's report completes by the latest of their deadlines, on the
   * thread that settled the last of them, with where its answer is written (see {@link #write}).
   */
  CompletableFuture<Settled<ProbeReport>> run(String probe, List<CheckRunner> selected) {
    if (selected.isEmpty()) { // a group with no checks, such as startup's: up at once
      return CompletableFuture.completedFuture(Settled.here(new ProbeReport(probe, List.of())));
    }
    Gathering gathering = new Gathering(probe, selected.size());
    for (int i = 0; i < selected.size(); i++) {
      int index = i;
      selected.get(i).reportNow().whenComplete((settled, failure) ->
          gathering.reported(index, settled, failure));
    }
    return gathering.report;
  }

  /**
   * Writes the answer of a probe that arrived at {@code arrivalNanos} (on the engine's clock) and
   * has its report {@code settled}: here, or in the answer lane.
   */
  void write(long arrivalNanos, Settled<ProbeReport> settled, Runnable write) {
    answers.write(arrivalNanos, settled, write);
  }

  /**
   * One probe's reports, as its checks settle them; the last one completes the probe's report,
   * its answer written where that one's are.
   */
  private static final class Gathering {

    private final String probe;
    private final CheckReport[] reports;
    /** The reports still to come; the thread that takes it to zero sees every one written. */
    private final AtomicInteger missing;
    private final CompletableFuture<Settled<ProbeReport>> report = new CompletableFuture<>();

    Gathering(String probe, int checks) {
      this.probe = probe;
      this.reports = new CheckReport[checks];
      this.missing = new AtomicInteger(checks);
    }

    void reported(int index, Settled<CheckReport> settled, Throwable failure) {
      if (failure != null) {
        report.completeExceptionally(failure);
        return;
      }
      reports[index] = settled.report();
      if (missing.decrementAndGet() == 0) {
        report.complete(new Settled<>(new ProbeReport(probe, List.of(reports)), settled.handOff(),
            settled.settledOn()));
      }
    }
  }

  private void abandon(Runnable queued) {
    ((Execution) queued).abandon();
  }

  /**
   * Cancels every running execution, interrupts check threads and waits up to {@code timeout}
   * for every thread the engine started to end. Returns by then whatever checks and their cancel
   * callbacks do.
   */
  boolean shutdown(Duration timeout) throws InterruptedException {
    return shutdownBy(System.nanoTime() + timeout.toNanos());
  }

  /** As {@link #shutdown(Duration)}, by {@code end} on {@link System#nanoTime()}. */
  boolean shutdownBy(long end) throws InterruptedException {
    ordered.forEach(CheckRunner::cancelCurrent); // callbacks go to the cancel lane
    checkLane.shutdownNow().forEach(this::abandon);
    livenessLane.shutdownNow().forEach(this::abandon);
    cancelLane.shutdown(); // lets the callbacks just handed over run, within the wait
    timer.shutdown();
    watchdog.shutdown();
    answers.lane().shutdownNow(); // every probe in flight was answered before the engine stops
    List<Lane> lanes = new ArrayList<>(List.of(checkLane, livenessLane, cancelLane,
        answers.lane()));
    List<Lane> listening = stopListenerLanes();
    lanes.addAll(listening);
    boolean ended = true;
    try {
      for (Lane lane : lanes) {
        ended &= lane.awaitTermination(Duration.ofNanos(end - System.nanoTime()));
      }
    } finally {
      cancelLane.shutdownNow(); // interrupts callbacks still blocked
      listening.forEach(Lane::shutdownNow); // and listeners that block
    }
    // The timers run no checks: each ends as soon as its current task (if any) returns.
    ended &= timer.awaitTermination(Duration.ofNanos(end - System.nanoTime()));
    ended &= watchdog.awaitTermination(Duration.ofNanos(end - System.nanoTime()));
    return ended && joined(end);
  }

  /**
   * Waits until {@code endNanos} for the engine's threads to exit: a pool counts as terminated
   * a moment before its last thread has, and after true, {@link #liveThreads()} must be empty.
   */
  private boolean joined(long endNanos) throws InterruptedException {
    for (Set<Thread> started : List.of(applicationThreads, threads)) {
      for (Thread thread : started) {
        long left = TimeUnit.NANOSECONDS.toMillis(endNanos - System.nanoTime());
        if (left <= 0) {
          break;
        }
        thread.join(left);
      }
    }
    return liveThreads().isEmpty();
  }

  /** Returns the threads this engine started that are still alive. */
  List<Thread> liveThreads() {
    List<Thread> alive = alive(applicationThreads);
    alive.addAll(alive(threads));
    return alive;
  }

  /**
   * Returns the threads of this engine that are running a check, a cancel callback or a health
   * listener now: after shutdown, those of code that ignores cancellation and interrupt. Idle
   * threads, those still leaving their pool after shutdown among them, and its own threads
   * (timers, answer writers) are not listed, whether or not they have ended yet.
   */
  List<Thread> liveApplicationThreads() {
    List<Lane> lanes = new ArrayList<>(List.of(checkLane, livenessLane, cancelLane));
    synchronized (this) {
      lanes.addAll(listenerLanes);
    }
    List<Thread> busy = new ArrayList<>();
    lanes.forEach(lane -> busy.addAll(lane.busyThreads()));
    return busy;
  }

  private static List<Thread> alive(Set<Thread> started) {
    List<Thread> alive = new ArrayList<>();
    for (Thread thread : started) {
      if (thread.isAlive()) {
        alive.add(thread);
      }
    }
    return alive;
  }
}
