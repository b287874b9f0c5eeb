/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A named, bounded pool of daemon threads for one kind of work: checks ({@code check},
 * {@code liveness}), cancel callbacks ({@code cancel}) or answer writing ({@code answer}). A
 * fixed maximum of threads, a bounded queue, and rejection instead of waiting when both are
 * full. Idle threads end, so the thread count returns to where it was once probes stop.
 */
final class Lane {

  private static final Duration IDLE_THREAD_LIFETIME = Duration.ofSeconds(10);

  private final String name;
  private final ThreadPoolExecutor executor;
  /**
   * A thread or a queue place each. A task gives its slot back as soon as its work is done and
   * before anyone is told, so a probe that follows an answer never finds an idle lane full.
   */
  private final Semaphore slots;
  /**
   * The threads inside the application's code now (see {@link #runApplicationCode}). An idle
   * thread, one leaving the pool, or one writing answers and telling events after a check
   * returned is not: after shutdown only a thread inside code that ignored its interrupt is here.
   */
  private final Set<Thread> busy = ConcurrentHashMap.newKeySet();

  /** @param name the lane's name in metrics and logs; its threads are {@code isoprobe-<name>-<n>} */
  Lane(String name, int threads, int queueCapacity, Set<Thread> started) {
    this(name, threads, queueCapacity, started, new LinkedBlockingQueue<>());
  }

  /**
   * A lane whose waiting tasks are taken in the order of {@code queue}, which must not be bounded:
   * the slots bound it, and at most {@code queueCapacity} tasks ever wait there.
   */
  Lane(String name, int threads, int queueCapacity, Set<Thread> started, BlockingQueue<Runnable> queue) {
    this(name, threads, queueCapacity, queue, daemonThreads("isoprobe-" + name + "-", started));
  }

  /** A lane whose threads come from {@code threads}; tests make it fail. */
  Lane(String name, int threads, int queueCapacity, Set<Thread> started, ThreadFactory factory) {
    this(name, threads, queueCapacity, new LinkedBlockingQueue<>(), factory);
  }

  private Lane(String name, int threads, int queueCapacity, BlockingQueue<Runnable> queue,
      ThreadFactory factory) {
    this.name = name;
    this.slots = new Semaphore(threads + queueCapacity);
    this.executor = new ThreadPoolExecutor(threads, threads,
        IDLE_THREAD_LIFETIME.toMillis(), TimeUnit.MILLISECONDS, queue, factory,
        new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
  }

  /** Returns a factory of daemon threads that records each thread it makes in {@code started}. */
  static ThreadFactory daemonThreads(String prefix, Set<Thread> started) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + count.incrementAndGet());
      // A check that never returns must not keep the JVM alive.
      thread.setDaemon(true);
      // Threads are made rarely (idle ones end after 10 s), so pruning here keeps the set small.
      started.removeIf(old -> old.getState() == Thread.State.TERMINATED);
      started.add(thread);
      return thread;
    };
  }

  String name() {
    return name;
  }

  int maxThreads() {
    return executor.getMaximumPoolSize();
  }

  /**
   * Takes a slot for {@code task}, which holds it until it calls {@link #leave()}.
   *
   * @throws RejectedExecutionException if every thread is busy and the queue is full, the lane
   *     is stopped, or it could not start a thread (an {@code OutOfMemoryError} at a
   *     container's pid limit): the task will not run, and its slot is free again
   */
  void execute(Runnable task) {
    if (!slots.tryAcquire()) {
      throw new RejectedExecutionException("lane " + name + " is full");
    }
    submit(task);
  }

  /**
   * Takes a slot for {@code task} unless that would leave fewer than {@code keepFree} free, in one
   * step against others doing the same (two that find the last place but {@code keepFree} free
   * may both be refused, never both served), and runs it as {@link #execute(Runnable)} does.
   *
   * @return false if the lane is too full: the task will not run
   * @throws RejectedExecutionException if the lane is stopped, or could not start a thread
   */
  boolean execute(Runnable task, int keepFree) {
    if (!slots.tryAcquire()) {
      return false;
    }
    if (slots.availablePermits() < keepFree) {
      slots.release();
      return false;
    }
    submit(task);
    return true;
  }

  /** Runs {@code task} in the slot taken for it, which is free again if it cannot. */
  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException stopped) {
      slots.release();
      throw stopped;
    } catch (Error noThread) {
      // Queued before the thread that was to take it failed to start. Another thread may have
      // taken it meanwhile, and then it runs and gives the slot back again: a slot too many, for
      // good. Telling the two apart needs a mark on every task; a failed thread start is rare.
      executor.remove(task);
      slots.release();
      throw new RejectedExecutionException("lane " + name + " could not start a thread", noThread);
    }
  }

  boolean isShutdown() {
    return executor.isShutdown();
  }

  /** Gives back the slot a task took; called once per task that {@link #execute} accepted. */
  void leave() {
    slots.release();
  }

  /** Takes out of the queue a task that timed out before a thread took it. */
  void remove(Runnable task) {
    executor.remove(task);
  }

  /** Returns the slots no task holds: every thread and queue place once the lane is idle. */
  int freeSlots() {
    return slots.availablePermits();
  }

  /**
   * Runs {@code code}, the application's (a check, a cancel callback, a listener), on the calling
   * thread, one of this lane's, which is listed among its {@link #busyThreads()} meanwhile.
   */
  <T> T runApplicationCode(Callable<T> code) throws Exception {
    Thread current = Thread.currentThread();
    busy.add(current);
    try {
      return code.call();
    } finally {
      busy.remove(current);
    }
  }

  /** Returns the threads inside the application's code at this moment. */
  List<Thread> busyThreads() {
    return List.copyOf(busy);
  }

  int activeThreads() {
    return executor.getActiveCount();
  }

  int queued() {
    return executor.getQueue().size();
  }

  /** Takes no more tasks, and lets those accepted run. */
  void shutdown() {
    executor.shutdown();
  }

  /** Interrupts running checks and returns the queued ones, which will not run. */
  List<Runnable> shutdownNow() {
    return executor.shutdownNow();
  }

  boolean isTerminated() {
    return executor.isTerminated();
  }

  boolean awaitTermination(Duration timeout) throws InterruptedException {
    return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
