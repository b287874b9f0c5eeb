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
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;

/** Runs the checks a probe selects and gathers their reports. Thread-safe. */
final class ProbeEngine {

  private static final int ANSWER_THREADS = 2;
  /**
   * Room for every answer a deadline settles at once. What bounds them is the probes in flight,
   * and so the container's connections, not this: an answer that found no room would be written
   * on the timer thread, holding up every deadline behind it.
   */
  private static final int ANSWER_QUEUE = 1 << 20;
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
  /** Writes the answers the deadline timer settles; see {@link #answer(long, Runnable)}. */
  private final Lane answerLane;
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
    this.answerLane = new Lane("answer", ANSWER_THREADS, ANSWER_QUEUE, this.threads,
        new PriorityBlockingQueue<>());
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

  /** Runs the given checks; the result completes by the latest of their deadlines. */
  CompletableFuture<ProbeReport> run(String probe, List<CheckRunner> selected) {
    if (selected.size() == 1) {
      return selected.get(0).reportNow().thenApply(report -> new ProbeReport(probe, List.of(report)));
    }
    List<CompletableFuture<CheckReport>> reports = new ArrayList<>(selected.size());
    for (CheckRunner runner : selected) {
      reports.add(runner.reportNow());
    }
    return CompletableFuture.allOf(reports.toArray(CompletableFuture<?>[]::new)).thenApply(done -> {
      List<CheckReport> list = new ArrayList<>(reports.size());
      for (CompletableFuture<CheckReport> report : reports) {
        list.add(report.join());
      }
      return new ProbeReport(probe, list);
    });
  }

  private void abandon(Runnable queued) {
    ((Execution) queued).abandon();
  }

  /**
   * Writes the answer of a probe that arrived at {@code arrivalNanos} (on the engine's clock):
   * here, or in the answer lane when the thread that settled it hands answers off (see
   * {@link AnswerHandoff}).
   */
  void answer(long arrivalNanos, Runnable write) {
    AnswerReserve reserve = AnswerHandoff.reserve();
    if (reserve == null) {
      write.run();
      return;
    }
    try {
      answerLane.execute(new Answer(arrivalNanos, ticker.nanoTime(), write, reserve, this));
    } catch (RejectedExecutionException full) {
      write.run();
    }
  }

  /**
   * An answer waiting in the answer lane, which writes the earliest-arrived probe first: it has
   * the least time left. Without the ordering, thousands of probes joined to one execution would be
   * written newest first, the order in which {@link CompletableFuture} runs their callbacks, and
   * the oldest would be answered last, well past their deadline. How long answers wait here sets
   * the {@link AnswerReserve} of the executions that follow.
   */
  private record Answer(long arrivalNanos, long queuedNanos, Runnable write, AnswerReserve reserve,
      ProbeEngine engine) implements Runnable, Comparable<Answer> {

    @Override
    public void run() {
      try {
        write.run();
      } finally {
        engine.answerWritten(queuedNanos, reserve);
      }
    }

    @Override
    public int compareTo(Answer other) {
      return Long.compare(arrivalNanos - other.arrivalNanos, 0); // nanoTime may wrap
    }
  }

  /** Frees the answer's slot in the lane and tells its check's reserve how long it waited there. */
  private void answerWritten(long queuedNanos, AnswerReserve reserve) {
    answerLane.leave();
    long now = ticker.nanoTime();
    reserve.written(now - queuedNanos, now);
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
    answerLane.shutdownNow(); // every probe in flight was answered before the engine stops
    List<Lane> lanes = new ArrayList<>(List.of(checkLane, livenessLane, cancelLane, answerLane));
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
