package dev.isoprobe;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Tells the application's {@link HealthListener}s what happens, on the engine's listener lane:
 * one thread, so events arrive in order and a listener never runs on the thread that had the
 * event. The statuses of checks and groups it keeps are touched by that thread only.
 * Logger: {@code dev.isoprobe.listeners}.
 */
final class ListenerEvents implements ProbeEvents {

  static final String LOGGER = "dev.isoprobe.listeners";
  /** Places of the listener lane kept for state changes: draining and stopping. */
  static final int STATE_EVENTS = 2;
  private static final Logger log = Logs.get(LOGGER);

  private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
  private final Redactor redactor;
  private final AtomicLong dropped = new AtomicLong();
  /** Checks a probe found stuck, told once per execution until it returns. */
  private final Set<String> stuck = ConcurrentHashMap.newKeySet();
  private volatile Lane lane;
  private volatile Map<String, Set<Group>> groupsOf = Map.of();
  private volatile Map<Group, List<CheckRunner>> members = Map.of();

  // The listener thread's own.
  private final Map<String, Boolean> checkUp = new HashMap<>();
  private final Map<Group, Boolean> groupUp = new EnumMap<>(Group.class);
  private final Set<HealthListener> failed = Collections.newSetFromMap(new IdentityHashMap<>());

  ListenerEvents(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * Adds a listener, told the events from now on. The statuses of checks that changed while no
   * listener listened are read first, on the listener thread, ahead of any later event.
   */
  void add(HealthListener listener) {
    listeners.add(listener);
    tell(() -> members.values().forEach(runners -> runners.forEach(runner -> {
      Boolean up = runner.up();
      if (up != null) {
        checkUp.put(runner.name(), up);
      }
    })));
  }

  @Override
  public void attached(ProbeEngine engine) {
    Map<String, Set<Group>> groups = new HashMap<>();
    Map<Group, List<CheckRunner>> byGroup = new EnumMap<>(Group.class);
    for (Group group : Group.values()) {
      List<CheckRunner> runners = engine.select(group, Set.of());
      byGroup.put(group, runners);
      runners.forEach(runner -> groups.computeIfAbsent(runner.name(),
          any -> EnumSet.noneOf(Group.class)).add(group));
    }
    this.groupsOf = Map.copyOf(groups);
    this.members = Map.copyOf(byGroup);
    this.lane = engine.listenerLane();
  }

  @Override
  public void checkTurned(CheckReport report, Standing before) {
    Standing now = report.standing();
    StatusChange change = new StatusChange(report.name(), now.up(), now.since(),
        report.outcome().label());
    tell(() -> {
      each(listener -> listener.checkChanged(change));
      checkUp.put(change.name(), change.up());
      for (Group group : groupsOf.getOrDefault(change.name(), Set.of())) {
        groupChangedBy(group, change);
      }
    });
  }

  /** Tells the group's change, if {@code change} changed it; known once each member has a status. */
  private void groupChangedBy(Group group, StatusChange change) {
    boolean up = true;
    for (CheckRunner member : members.get(group)) {
      Boolean memberUp = checkUp.get(member.name());
      if (memberUp == null) {
        return;
      }
      up &= memberUp;
    }
    Boolean was = groupUp.put(group, up);
    if (was == null || was != up) {
      StatusChange turned = new StatusChange(group.name().toLowerCase(Locale.ROOT), up,
          change.at(), change.name());
      each(listener -> listener.groupChanged(turned));
    }
  }

  @Override
  public void checkOverran(CheckReport timeout, Thread runner, boolean started) {
    stuck.remove(timeout.name()); // a new execution, to be told stuck once in its turn
    tell(() -> each(listener -> listener.timedOut(timeout.name(), timeout.duration())));
  }

  @Override
  public void checkSettled(CheckReport report) {
    if (report.outcome() == Outcome.STUCK && stuck.add(report.name())) {
      tell(() -> each(listener -> listener.stuck(report.name(), report.duration())));
    }
  }

  @Override
  public void checkReturnedLate(CheckReport late) {
    stuck.remove(late.name());
    tell(() -> each(listener -> listener.returnedLate(late.name(), late.duration())));
  }

  @Override
  public void stateChanged(Probes.State state) {
    tell(() -> each(listener -> listener.stateChanged(state)), 0);
  }

  /** Hands an event to the listener thread, or drops it when the events waiting fill the lane. */
  private void tell(Runnable event) {
    tell(event, STATE_EVENTS);
  }

  /**
   * Hands an event to the listener thread unless fewer than {@code reserved} places are free:
   * the last ones are kept for the probes' state changes, which a slow listener must not cost.
   */
  private void tell(Runnable event, int reserved) {
    Lane target = lane;
    if (target == null || listeners.isEmpty()) {
      return; // before the engine is whole, which starts nothing that has events; or unheard
    }
    if (target.freeSlots() <= reserved) {
      dropped();
      return;
    }
    try {
      target.execute(() -> {
        try {
          event.run();
        } finally {
          target.leave();
        }
      });
    } catch (RejectedExecutionException notRun) {
      if (target.freeSlots() == 0) {
        dropped();
      } // else stopped: isoprobe is shutting down
    }
  }

  /** Counts a dropped event, and logs the 1st, 10th, 100th...: a few lines a storm. */
  private void dropped() {
    long count = dropped.incrementAndGet();
    if (Long.toString(count).matches("10*")) {
      log.warn("{} event(s) for health listeners dropped so far: {} already wait for a listener "
          + "that is slow or blocked; a thread dump of isoprobe-listener-<n> shows where", count,
          HealthListener.PENDING_EVENTS);
    }
  }


  /** Tells each listener; one that throws is logged the first time, and told later events. */
  private void each(Consumer<HealthListener> event) {
    for (HealthListener listener : listeners) {
      try {
        event.accept(listener);
      } catch (Throwable failure) {
        if (failure instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
          throw fatal;
        }
        if (failed.add(listener)) {
          log.warn(redactor.redact("health listener " + listener.getClass().getName() + " threw "
              + redactor.summary(failure) + "; it is told later events all the same"));
        }
      }
    }
  }
}
