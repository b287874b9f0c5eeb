/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Tells the application's {@link HealthListener}s what happens, each on a lane of its own: one
 * thread, so its events arrive in order, a listener never runs on the thread that had the event,
 * and one that is slow or blocked holds back no other (gRPC health's watchers are one of them).
 * What a listener has been told is kept by its lane's thread only.
 *
 * <p>A listener added late is first told the status of every check that has one, and of every
 * group whose checks all have one; a change still on its way that this already covers is not
 * told again. Changes are numbered as they are handed over, under the lock of the check's
 * runner, so a check's number read under that lock divides its changes into those covered and
 * those to come. Logger: {@code dev.isoprobe.listeners}.
 */
final class ListenerEvents implements ProbeEvents {

  static final String LOGGER = "dev.isoprobe.listeners";
  /** Places of a listener's lane kept for the state changes: running, draining, stopping. */
  static final int STATE_EVENTS = 3;
  /**
   * The most events that wait for a slow listener; more are dropped. HealthListener's Javadoc and
   * the docs state it, and HealthListenerTest holds them to it.
   */
  static final int PENDING_EVENTS = 1024;
  /**
   * Places of a listener's lane kept from the checks' events: those of the state changes and
   * one for the catch-up that follows dropped events.
   */
  static final int RESERVED = STATE_EVENTS + 1;
  private static final Logger log = Logs.get(LOGGER);

  /** The listeners added and not removed, each with its lane: events are told to these only. */
  private final CopyOnWriteArrayList<Hearing> hearings = new CopyOnWriteArrayList<>();
  private final Redactor redactor;
  private final AtomicLong dropped = new AtomicLong();
  /** Numbers each change of a check's status as it is handed to the listeners' lanes. */
  private final AtomicLong changes = new AtomicLong();
  /** Checks a probe found stuck, told once per execution until it returns. */
  private final Set<String> stuck = ConcurrentHashMap.newKeySet();
  private volatile ProbeEngine engine;
  private volatile Map<String, Set<Group>> groupsOf = Map.of();
  private volatile Map<Group, List<CheckRunner>> members = Map.of();
  private volatile List<CheckRunner> runners = List.of();

  /**
   * One listener and its lane. What it has been told (each check's latest change with its number,
   * each group's status) is its lane thread's own.
   */
  private final class Hearing {
    final HealthListener listener;
    final Lane lane;
    final Map<String, Told> checks = new HashMap<>();
    final Map<Group, Boolean> groups = new EnumMap<>(Group.class);
    boolean failed;
    volatile boolean removed;
    /** Whether a catch-up waits in the lane. */
    final AtomicBoolean catchingUp = new AtomicBoolean();

    Hearing(HealthListener listener, Lane lane) {
      this.listener = listener;
      this.lane = lane;
    }

    /**
     * Hands an event to this listener's thread unless fewer than {@code reserved} places are
     * free: the last ones are kept for the probes' state changes and the catch-up, which a slow
     * listener must not cost.
     */
    void tell(Consumer<Hearing> event, int reserved) {
      if (!handOver(event, reserved) && !lane.isShutdown()) {
        dropped();
        catchUpLater();
      } // else handed over, or the lane stopped: removed, or isoprobe is shutting down
    }

    /**
     * Queues a catch-up behind the events waiting, so that a listener that missed changes is
     * told each status that differs from what it heard, however many were dropped. One waiting
     * is enough for any number of drops.
     */
    private void catchUpLater() {
      if (catchingUp.compareAndSet(false, true) && !handOver(hearing -> {
        catchingUp.set(false);
        catchUp(hearing);
      }, STATE_EVENTS)) {
        catchingUp.set(false);
      }
    }

    /**
     * Returns whether the lane took the event, leaving {@code reserved} places free; taking the
     * place and keeping the others is one step, whatever other threads tell at the same time.
     */
    private boolean handOver(Consumer<Hearing> event, int reserved) {
      try {
        return lane.execute(() -> {
          try {
            event.accept(this);
          } catch (Throwable failure) {
            // Each call of the listener is guarded; this is a log appender failing while it reports one.
          } finally {
            lane.leave();
          }
        }, reserved);
      } catch (RejectedExecutionException stopped) {
        return false;
      }
    }

    /** Tells the listener, unless removed; one that throws is logged the first time, and told later events. */
    void tellOne(Consumer<HealthListener> event) {
      if (removed) {
        return;
      }
      try {
        lane.runApplicationCode(Executors.callable(() -> event.accept(listener)));
      } catch (Throwable failure) {
        if (!failed) {
          failed = true;
          logFailure(listener, failure);
        }
      }
    }
  }

  private record Told(StatusChange change, long number) {}

  ListenerEvents(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * Adds a listener, told the events from now on, first of all the statuses checks and groups
   * have now. Adding one already added does nothing.
   */
  synchronized void add(HealthListener listener) {
    if (hearings.stream().anyMatch(hearing -> hearing.listener == listener)) {
      return;
    }
    Hearing hearing = new Hearing(listener, engine.listenerLane());
    // Listed first: a change from now on reaches it, before or after the catch-up, which tells
    // what differs from what it heard. Caught up first, a change between the catch-up and the
    // listing would be missed.
    hearings.add(hearing);
    hearing.tell(this::catchUp, 0);
  }

  /** Removes a listener: no event is told to it once this returns, but one being told now. */
  synchronized void remove(HealthListener listener) {
    for (Hearing hearing : hearings) {
      if (hearing.listener == listener) {
        hearing.removed = true;
        hearings.remove(hearing);
        hearing.lane.shutdown(); // its thread ends once the events queued are skipped
      }
    }
  }

  @Override
  public void attached(ProbeEngine engine) {
    Map<String, Set<Group>> groups = new HashMap<>();
    Map<Group, List<CheckRunner>> byGroup = new EnumMap<>(Group.class);
    for (Group group : Group.values()) {
      List<CheckRunner> selected = engine.select(group, Set.of());
      byGroup.put(group, selected);
      selected.forEach(runner -> groups.computeIfAbsent(runner.name(),
          any -> EnumSet.noneOf(Group.class)).add(group));
    }
    this.groupsOf = Map.copyOf(groups);
    this.members = Map.copyOf(byGroup);
    this.runners = engine.select(null, Set.of());
    this.engine = engine;
  }

  /**
   * Tells a listener the status each check and group has now where it differs from what it
   * heard: all of them to one just added, and to one that missed changes, those it missed.
   */
  private void catchUp(Hearing told) {
    for (CheckRunner runner : runners) {
      // Under the runner's lock, as its changes are numbered: those up to here are covered.
      Told now = runner.lastTurn(turn -> turn == null ? null : new Told(changeOf(turn), changes.get()));
      if (now != null) {
        Told was = told.checks.put(runner.name(), now);
        if (was == null || was.change().up() != now.change().up()) {
          told.tellOne(l -> l.checkChanged(now.change()));
        }
      }
    }
    for (Group group : Group.values()) {
      groupChanged(told, group);
    }
  }

  private static StatusChange changeOf(CheckReport turn) {
    Standing now = turn.standing();
    return new StatusChange(turn.name(), now.up(), now.since(), turn.outcome().label());
  }

  @Override
  public void checkTurned(CheckReport report, Standing before) {
    long change = changes.incrementAndGet(); // under the runner's lock, in the order of turns
    StatusChange turned = changeOf(report);
    tell(told -> {
      Told was = told.checks.get(turned.name());
      if (was != null && was.number() >= change) {
        return; // its catch-up covered this change
      }
      told.checks.put(turned.name(), new Told(turned, change));
      told.tellOne(l -> l.checkChanged(turned));
      for (Group group : groupsOf.getOrDefault(turned.name(), Set.of())) {
        groupChanged(told, group);
      }
    });
  }

  /**
   * Tells a listener its group's status if it is not what it was last told; known once the
   * listener knows each member's status. Its cause is the member that changed last.
   */
  private void groupChanged(Hearing told, Group group) {
    boolean up = true;
    Told latest = null;
    for (CheckRunner member : members.get(group)) {
      Told memberTold = told.checks.get(member.name());
      if (memberTold == null) {
        return;
      }
      up &= memberTold.change().up();
      if (latest == null || memberTold.number() > latest.number()) {
        latest = memberTold;
      }
    }
    Boolean was = told.groups.put(group, up);
    if (latest != null && (was == null || was != up)) {
      StatusChange turned = new StatusChange(group.name().toLowerCase(Locale.ROOT), up,
          latest.change().at(), latest.change().name());
      told.tellOne(l -> l.groupChanged(turned));
    }
  }

  @Override
  public void checkTimedOut(CheckReport timeout, Thread runner, boolean started) {
    stuck.remove(timeout.name()); // a new execution, to be told stuck once in its turn
    tell(told -> told.tellOne(listener -> listener.timedOut(timeout.name(), timeout.duration())));
  }

  @Override
  public void checkSettled(CheckReport report) {
    if (report.outcome() == Outcome.STUCK && stuck.add(report.name())) {
      tell(told -> told.tellOne(listener -> listener.stuck(report.name(), report.duration())));
    }
  }

  @Override
  public void checkReturnedLate(CheckReport late) {
    stuck.remove(late.name());
    tell(told -> told.tellOne(listener -> listener.returnedLate(late.name(), late.duration())));
  }

  @Override
  public void stateChanged(Probes.State state) {
    tell(told -> told.tellOne(listener -> listener.stateChanged(state)), 0);
  }

  /** Hands an event to each listener's thread, or drops it where the events waiting fill the lane. */
  private void tell(Consumer<Hearing> event) {
    tell(event, RESERVED);
  }

  private void tell(Consumer<Hearing> event, int reserved) {
    for (Hearing hearing : hearings) {
      hearing.tell(event, reserved);
    }
  }

  /** Counts a dropped event, and logs the 1st, 10th, 100th...: a few lines a storm. */
  private void dropped() {
    long count = dropped.incrementAndGet();
    if (Long.toString(count).matches("10*")) {
      log.warn("{} event(s) for health listeners dropped so far: {} already wait for a listener "
          + "that is slow or blocked; a thread dump of isoprobe-listener-<n> shows where", count,
          PENDING_EVENTS);
    }
  }

  private void logFailure(HealthListener listener, Throwable failure) {
    try {
      log.warn(redactor.redact("health listener " + listener.getClass().getName() + " threw "
          + redactor.summary(failure) + "; it is told later events all the same"));
    } catch (Throwable appenderFailed) {
      // A log appender failing too must not keep the event from the other listeners.
    }
  }
}
