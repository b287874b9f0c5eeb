/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import dev.isoprobe.Check;
import dev.isoprobe.Group;
import dev.isoprobe.HealthListener;
import dev.isoprobe.Probes;
import dev.isoprobe.StatusChange;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The open {@code Watch} streams, by the target they watch, and the status of every check as
 * isoprobe told this listener: on a listener thread of its own, so an application listener that is
 * slow costs the watchers nothing. A target's status is worked out from the status of every check
 * it covers and the probes' state, never from a probe's answer that a newer change may have
 * overtaken; each watcher is told it whenever it changes, in the order the changes happened.
 *
 * <p>Guarded by {@code this}: the streams, the statuses, and whether the probes stopped. Opening,
 * cancelling and stopping take the lock, so a stream is either completed by the stop or opened
 * after it and refused; none is left out of both.
 */
final class Watchers implements HealthListener {

  /** What {@code ""}, the server as a whole, is. */
  static final String SERVER = "readiness";
  /**
   * The least time before a caller's deadline that its answer is written by: room for the write
   * and the network on a loaded machine (10 ms was too little under load: the answer arrived
   * after the deadline). It costs nothing where the probes' deadline fits the caller's, as it
   * should (the kubelet's timeoutSeconds above isoprobe.timeout).
   */
  private static final long MIN_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
  /** The part of the time a caller leaves that its answer keeps, at least the least margin. */
  private static final int MARGIN_DIVISOR = 16;
  /** The least time between two probes of a watched target. */
  static final Duration LEAST_WATCH_EVERY = Duration.ofMillis(10);

  private final Probes probes;
  private final long watchEveryNanos;
  /** The checks each target covers: a group's members, or a name's checks; absent when none. */
  private final Map<String, List<String>> covered;

  private final Map<String, Set<Watch>> byTarget = new HashMap<>();
  /** The status of each check, as the changes told it; absent until its first. */
  private final Map<String, Boolean> checkUp = new HashMap<>();
  private boolean stopped;

  /**
   * Probes the watched targets, and answers calls by their callers' deadlines; its one thread
   * starts when first needed, and ends when the probes stop.
   */
  private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
    Thread thread = new Thread(task, "isoprobe-grpc-watch");
    thread.setDaemon(true);
    return thread;
  });
  private boolean ticking;

  Watchers(Probes probes, Duration watchEvery) {
    this.probes = probes;
    this.watchEveryNanos = watchEvery.toNanos();
    this.covered = covered(probes.checks());
  }

  /** Returns the target of {@link Probes#probe(String)} that a gRPC service name names. */
  static String target(String service) {
    return service.isEmpty() ? SERVER : service;
  }

  /**
   * Returns the checks each group and each name covers, as {@link Probes#probe} runs them: a
   * group's name wins over a check's of the same name.
   */
  private static Map<String, List<String>> covered(List<Check> checks) {
    Map<String, Set<String>> byName = new HashMap<>();
    Map<String, Set<String>> byGroup = new HashMap<>();
    for (Group group : Group.values()) {
      byGroup.put(group.name().toLowerCase(Locale.ROOT), new LinkedHashSet<>());
    }
    for (Check check : checks) {
      String name = check.name();
      check.groups().forEach(group -> byGroup.get(group.name().toLowerCase(Locale.ROOT)).add(name));
      // "db/primary" is covered by "db" too.
      for (int end = name.length(); end > 0; end = name.lastIndexOf('/', end - 1)) {
        byName.computeIfAbsent(name.substring(0, end), any -> new LinkedHashSet<>()).add(name);
      }
    }
    byName.putAll(byGroup);
    Map<String, List<String>> covered = new HashMap<>();
    byName.forEach((target, names) -> covered.put(target, List.copyOf(names)));
    return Map.copyOf(covered);
  }

  /** Answers a {@code Check}, once; a call its client cancelled meanwhile is left as it is. */
  static void answer(StreamObserver<HealthCheckResponse> responses, ServingStatus status) {
    try {
      responses.onNext(response(status));
      responses.onCompleted();
    } catch (RuntimeException cancelled) {
      // The client went away, or the server stopped the call: nobody to tell.
    }
  }

  static HealthCheckResponse response(ServingStatus status) {
    return HealthCheckResponse.newBuilder().setStatus(status).build();
  }

  synchronized int size() {
    return byTarget.values().stream().mapToInt(Set::size).sum();
  }

  void watch(String service, ServerCallStreamObserver<HealthCheckResponse> responses) {
    String target = target(service);
    Watch watch = new Watch(responses);
    responses.setOnCancelHandler(() -> remove(target, watch));
    responses.setOnReadyHandler(watch::flush);
    stopIfStopped();
    synchronized (this) {
      if (stopped) {
        Watch.refuse(responses);
        return;
      }
      byTarget.computeIfAbsent(target, any -> new LinkedHashSet<>()).add(watch);
      startTicking(); // which also ends the streams if the stop is not told
      if (!covered.containsKey(target)) {
        watch.send(ServingStatus.SERVICE_UNKNOWN); // the stream stays open, as the protocol says
        return;
      }
      ServingStatus now = statusOf(target);
      if (now != null) {
        watch.send(now);
        return;
      }
    }
    // A check not heard of yet: this runs it, and the stream's first status is told when every
    // check it covers is heard of, as a change. Not the probe's answer: it can be newer than
    // changes still on their way here, which would then tell the stream an older status after it.
    probes.probe(target).ifPresent(answer -> answer.whenComplete((up, failure) -> {
      synchronized (this) {
        // A run that gives no status (a background check's the lane rejected) is told no change:
        // without this the stream would wait, told nothing, while the lane stays full. Told only
        // while a check is without a status in the probes, not only here: its first change is
        // then still to come, so nothing older can follow this.
        if (statusOf(target) == null && anyWithoutStatus(target)) {
          watch.first(ServingStatus.NOT_SERVING);
        }
      }
    }));
  }

  private synchronized void remove(String target, Watch watch) {
    Set<Watch> watches = byTarget.get(target);
    if (watches != null && watches.remove(watch) && watches.isEmpty()) {
      byTarget.remove(target);
    }
  }

  /**
   * Probes each watched target every period, as a probe from outside would, so that a watcher
   * sees a hang nothing else probes: the outcomes reach the watchers as every change does. A
   * target nobody watches is not probed.
   */
  private void startTicking() {
    if (!ticking) {
      ticking = true;
      timer.scheduleAtFixedRate(this::probeWatched, watchEveryNanos, watchEveryNanos,
          TimeUnit.NANOSECONDS);
    }
  }

  private void probeWatched() {
    if (stopIfStopped()) {
      return;
    }
    List<String> watched;
    synchronized (this) {
      watched = new ArrayList<>(byTarget.keySet());
    }
    watched.removeIf(target -> !covered.containsKey(target));
    watched.forEach(probes::probe);
  }

  /**
   * Completes {@code answer} false just before the deadline of the call under way, on this
   * service's timer, if that comes before the probes' own and {@code answer} is not complete by
   * then: a caller whose deadline comes first is answered NOT_SERVING rather than left to time out
   * without a reason, as the probes' own deadline answers the others.
   */
  void falseByCallersDeadline(CompletableFuture<Boolean> answer) {
    Deadline caller = Context.current().getDeadline();
    if (caller == null) {
      return;
    }
    long left = caller.timeRemaining(TimeUnit.NANOSECONDS);
    long by = left - Math.max(MIN_MARGIN_NANOS, left / MARGIN_DIVISOR);
    if (by >= probes.deadline().toNanos()) {
      return;
    }
    try {
      timer.schedule(() -> answer.complete(false), Math.max(0, by), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopped) {
      answer.complete(false); // the probes stopped: so does every answer
    }
  }

  @Override
  public synchronized void checkChanged(StatusChange change) {
    checkUp.put(change.name(), change.up());
    byTarget.forEach((target, watches) -> {
      List<String> checks = covered.get(target);
      if (checks != null && checks.contains(change.name())) {
        tell(watches, statusOf(target));
      }
    });
  }

  @Override
  public void stateChanged(Probes.State state) {
    if (state.compareTo(Probes.State.STOPPING) >= 0) {
      stop();
      return;
    }
    // The warm-up's end opens startup; draining closes readiness (and opens startup too, when
    // the warm-up was still under way).
    List<String> unknown = new ArrayList<>();
    synchronized (this) {
      byTarget.forEach((target, watches) -> {
        ServingStatus now = covered.containsKey(target) ? statusOf(target) : null;
        if (now != null) {
          tell(watches, now);
        } else if (covered.containsKey(target)) {
          unknown.add(target); // startup, say, when its checks missed the warm-up
        }
      });
    }
    unknown.forEach(probes::probe); // their outcomes are told as changes
  }

  /**
   * Stops, if the probes have stopped, whether or not this listener was told: the event waits
   * behind others when a shutdown's time runs out, and a service made after the stop is never
   * told it. Returns whether they have.
   */
  private boolean stopIfStopped() {
    if (probes.state().compareTo(Probes.State.STOPPING) < 0) {
      return false;
    }
    stop();
    return true;
  }

  /**
   * Ends every stream with the status that probes now get, and refuses those opened from now on:
   * isoprobe stopped.
   */
  private void stop() {
    List<Watch> open = new ArrayList<>();
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      byTarget.values().forEach(open::addAll);
      byTarget.clear();
    }
    timer.shutdownNow();
    open.forEach(Watch::end);
  }

  /**
   * Returns a target's status now, from the status of each check it covers and the probes'
   * state; null while a check it covers has none yet.
   */
  private ServingStatus statusOf(String target) {
    if (refused(target)) {
      return ServingStatus.NOT_SERVING;
    }
    boolean up = true;
    for (String check : covered.get(target)) {
      Boolean checkIsUp = checkUp.get(check);
      if (checkIsUp == null) {
        return null;
      }
      up &= checkIsUp;
    }
    return status(up);
  }

  /** Whether a check {@code target} covers has no status in the probes yet (not only here). */
  private boolean anyWithoutStatus(String target) {
    for (String check : covered.get(target)) {
      if (!checkUp.containsKey(check) && probes.status(check).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Whether probes of {@code target} are refused now, as {@link Probes#probe(String)} refuses them. */
  private boolean refused(String target) {
    Probes.State state = probes.state();
    return state.compareTo(Probes.State.STOPPING) >= 0
        || target.equals(SERVER) && state == Probes.State.DRAINING
        || target.equals("startup") && state == Probes.State.STARTING;
  }

  private static void tell(Set<Watch> watches, ServingStatus status) {
    if (status != null) {
      watches.forEach(watch -> watch.send(status));
    }
  }

  private static ServingStatus status(boolean up) {
    return up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }

  /**
   * One {@code Watch} stream: the status last sent and, while the client reads slowly, the one
   * to send next, which a later change replaces. Guarded by itself.
   */
  private static final class Watch {
    private final ServerCallStreamObserver<HealthCheckResponse> responses;
    private ServingStatus sent;
    private ServingStatus pending;
    private boolean done;

    Watch(ServerCallStreamObserver<HealthCheckResponse> responses) {
      this.responses = responses;
    }

    /**
     * Ends a stream opened after the probes stopped, with no status: a client that re-opens its
     * watch at once after a status (grpc-java's does) backs off after a stream that had none,
     * rather than re-open it in a loop until the server shuts down.
     */
    static void refuse(StreamObserver<HealthCheckResponse> responses) {
      try {
        responses.onError(Status.UNAVAILABLE.withDescription("shutting down").asRuntimeException());
      } catch (RuntimeException cancelled) {
        // The client went away first.
      }
    }

    /** Sends the status the stream opened with, unless one came first. */
    synchronized void first(ServingStatus status) {
      if (sent == null && pending == null) {
        send(status);
      }
    }

    synchronized void send(ServingStatus status) {
      if (done || status == pending) {
        return;
      }
      if (status == sent) {
        pending = null; // back to what the client has: nothing to send
        return;
      }
      pending = status;
      flush();
    }

    synchronized void flush() {
      if (done || pending == null || !responses.isReady()) {
        return;
      }
      try {
        responses.onNext(response(pending));
        sent = pending;
        pending = null;
      } catch (RuntimeException cancelled) {
        done = true;
      }
    }

    /** Tells the client it is not served any longer, and ends the stream: the probes stopped. */
    synchronized void end() {
      if (done) {
        return;
      }
      done = true;
      try {
        if (sent != ServingStatus.NOT_SERVING) {
          responses.onNext(response(ServingStatus.NOT_SERVING));
        }
        responses.onError(Status.UNAVAILABLE.withDescription("shutting down").asRuntimeException());
      } catch (RuntimeException cancelled) {
        // The client went away first.
      }
    }
  }
}
