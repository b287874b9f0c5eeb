package dev.isoprobe;

import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told, and the scheduler that goes with it: {@link #advance} runs
 * every task whose time has come, in time order, on the calling thread, with the clock at each
 * task's time. Deadlines then fire at exact times, whatever the machine's load.
 */
final class FakeTime implements Ticker, Scheduler {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final PriorityQueue<Due> due = new PriorityQueue<>();
  private long scheduled;

  private record Due(long atNanos, long order, Runnable task) implements Comparable<Due> {
    @Override
    public int compareTo(Due other) {
      int byTime = Long.compare(atNanos, other.atNanos);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public synchronized void schedule(Runnable task, long delayNanos) {
    due.add(new Due(now.get() + Math.max(0, delayNanos), scheduled++, task));
  }

  /** Moves the clock {@code stepNanos} forward, running the tasks due on the way. */
  void advance(long stepNanos) {
    long target = now.get() + stepNanos;
    while (true) {
      Due next;
      synchronized (this) {
        next = due.peek();
        if (next == null || next.atNanos() > target) {
          break;
        }
        due.poll();
      }
      now.set(Math.max(now.get(), next.atNanos()));
      next.task().run();
    }
    now.set(target);
  }
}
