/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer's callers, each with its own view of the instance: in rotation at the start,
 * ejected after {@code unhealthy} failures in a row, back after {@code healthy} successes in a row.
 * Thread-safe.
 */
final class LoadBalancer {

  private final LbSettings settings;
  private final Timeline timeline;
  private final AtomicInteger ejected = new AtomicInteger();
  private final List<Long> allOut = new CopyOnWriteArrayList<>();

  LoadBalancer(LbSettings settings, Timeline timeline) {
    this.settings = settings;
    this.timeline = timeline;
  }

  /** The state of caller {@code name}; each attempt of that caller goes through it. */
  Caller.Policy caller(String name) {
    return new Caller.Policy() {
      private boolean inRotation = true;
      private int failures;
      private int successes;

      @Override
      public long begin(long now) {
        return 0;
      }

      @Override
      public synchronized void record(Attempt a, long token) {
        failures = a.success() ? 0 : failures + 1;
        successes = a.success() ? successes + 1 : 0;
        if (inRotation && failures >= settings.unhealthy()) {
          inRotation = false;
          int out = ejected.incrementAndGet();
          if (out == settings.callers()) {
            allOut.add(a.end());
          }
          timeline.add(a.end(), Timeline.Kind.EJECT, name, "EJECTS the instance (" + settings.unhealthy()
              + " failures in a row; " + out + "/" + settings.callers() + " callers out)");
        } else if (!inRotation && successes >= settings.healthy()) {
          inRotation = true;
          timeline.add(a.end(), Timeline.Kind.READMIT, name, "takes the instance back (" + settings.healthy()
              + " successes in a row; " + ejected.decrementAndGet() + "/" + settings.callers() + " callers out)");
        }
      }
    };
  }

  /** When the instance was out of every caller's rotation, earliest first, in run nanoseconds. */
  List<Long> allOut() {
    return List.copyOf(allOut);
  }
}
