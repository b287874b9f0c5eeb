/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.Set;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes probes' answers where their {@link Settled} report says: on the thread that has it, or
 * in the answer lane, which writes the earliest-arrived probe first: it has the least time left.
 * How long answers wait there sets the {@link AnswerReserve} of the executions that follow.
 */
final class AnswerWriter {

  private static final int THREADS = 2;
  /**
   * Room for every answer a deadline settles at once. What bounds them is the probes in flight,
   * and so the container's connections, not this: an answer that found no room would be written
   * on the timer thread, holding up every deadline behind it.
   */
  private static final int QUEUE = 1 << 20;

  private final Lane lane;
  private final Ticker ticker;

  /** @param started where the lane records the threads it starts */
  AnswerWriter(Ticker ticker, Set<Thread> started) {
    this.lane = new Lane("answer", THREADS, QUEUE, started, new PriorityBlockingQueue<>());
    this.ticker = ticker;
  }

  /** Returns the answer lane, for shutdown. */
  Lane lane() {
    return lane;
  }

  /**
   * Writes the answer of a probe that arrived at {@code arrivalNanos} (on the engine's clock) and
   * waited for {@code settled}: here, or in the answer lane (here too once it stopped).
   */
  void write(long arrivalNanos, Settled<?> settled, Runnable write) {
    if (!settled.handsOffHere()) {
      write.run();
      return;
    }
    try {
      lane.execute(new Answer(arrivalNanos, ticker.nanoTime(), write, settled.handOff(), this));
    } catch (RejectedExecutionException full) {
      write.run();
    }
  }

  /**
   * An answer waiting in the answer lane. Without the ordering by arrival, thousands of probes
   * joined to one execution would be written newest first, the order in which
   * {@link java.util.concurrent.CompletableFuture} runs their callbacks, and the oldest would be
   * answered last, well past their deadline.
   */
  private record Answer(long arrivalNanos, long queuedNanos, Runnable write, AnswerReserve reserve,
      AnswerWriter writer) implements Runnable, Comparable<Answer> {

    @Override
    public void run() {
      try {
        write.run();
      } finally {
        writer.written(queuedNanos, reserve);
      }
    }

    @Override
    public int compareTo(Answer other) {
      return Long.compare(arrivalNanos - other.arrivalNanos, 0); // nanoTime may wrap
    }
  }

  /** Frees the answer's slot in the lane and tells its check's reserve how long it waited there. */
  private void written(long queuedNanos, AnswerReserve reserve) {
    lane.leave();
    long now = ticker.nanoTime();
    reserve.written(now - queuedNanos, now);
  }
}
