/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.Set;

/**
 * The engine's time: the ticker every deadline, reserve, cache and late answer is measured on,
 * and the timers that fire deadlines and sweep for the watchdog. The seam through which tests
 * run all of it on one fake clock, as Caffeine's {@code Ticker} and {@code Scheduler} do.
 */
interface Clock extends Ticker {

  /** Returns a new timer named {@code name}, recording any thread it starts in {@code started}. */
  Scheduler timer(String name, Set<Thread> started);

  /** Returns {@link System#nanoTime()} and a {@link DeadlineTimer} thread per timer. */
  static Clock system() {
    return new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Scheduler timer(String name, Set<Thread> started) {
        return new DeadlineTimer(name, started);
      }
    };
  }
}
