/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told, and the timers that go with it: {@link #advance} runs every
 * task whose time has come, in time order, on the calling thread, with the clock at each task's
 * time. Deadlines, sweeps and caches then fire at exact times, whatever the machine's load. A
 * timer can be held, as a blocked thread would hold a real one: its tasks wait, due, until it is
 * let go.
 */
final class FakeTime implements Clock, Scheduler {

  /** Where the clock starts; {@link #instant()} is this plus the time it moved since. */
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final long START_NANOS = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(START_NANOS);
  private final PriorityQueue<Due> due = new PriorityQueue<>();
  private final Timer own = new Timer("fake");
  private long scheduled;

  private record Due(long atNanos, long order, Timer timer, Runnable task) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int byTime = Long.compare(atNanos, other.atNanos);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  /** One of the engine's timers on this clock. */
  final class Timer implements Scheduler {
    final String name;
    volatile boolean held;
    volatile boolean stopped;

    private Timer(String name) {
      this.name = name;
    }

    @Override
    public void schedule(Runnable task, long delayNanos) {
      if (stopped) {
        throw new RejectedExecutionException(name + " is stopped");
      }
      synchronized (FakeTime.this) {
        due.add(new Due(now.get() + Math.max(0, delayNanos), scheduled++, this, task));
      }
    }

    @Override
    public void shutdown() {
      stopped = true;
    }
  }

  private final List<Timer> timers = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public Instant instant() {
    return START.plusNanos(now.get() - START_NANOS);
  }

  @Override
  public Scheduler timer(String name, Set<Thread> started) {
    Timer timer = new Timer(name);
    timers.add(timer);
    return timer;
  }

  /** Returns the engine's timer of that name ({@code timer}, {@code watchdog}). */
  Timer timer(String name) {
    return timers.stream().filter(timer -> timer.name.equals(name)).findFirst().orElseThrow();
  }

  @Override
  public void schedule(Runnable task, long delayNanos) {
    own.schedule(task, delayNanos);
  }

  /** Moves the clock {@code stepNanos} forward, running the tasks due on the way. */
  void advance(long stepNanos) {
    long target = now.get() + stepNanos;
    List<Due> heldBack = new ArrayList<>();
    try {
      while (true) {
        Due next;
        synchronized (this) {
          next = due.peek();
          if (next == null || next.atNanos() > target) {
            break;
          }
          due.poll();
        }
        if (next.timer().stopped) {
          continue;
        }
        if (next.timer().held) {
          heldBack.add(next);
          continue;
        }
        now.set(Math.max(now.get(), next.atNanos()));
        next.task().run();
      }
    } finally {
      synchronized (this) {
        due.addAll(heldBack);
      }
    }
    now.set(target);
  }
}
