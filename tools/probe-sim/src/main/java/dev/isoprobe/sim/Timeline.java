/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The events of a live run, stamped with the time since the start and printed as they happen.
 * Thread-safe: callers complete on the HTTP client's threads.
 */
final class Timeline {

  enum Kind { PROBE, READY, UNREADY, RESTART, EJECT, READMIT, ACTION, THREADS, NOTE }

  /** One line of the timeline; {@code at} is in nanoseconds since the start. */
  record Event(long at, Kind kind, String source, String text) {

    long atMillis() {
      return at / 1_000_000;
    }
  }

  private volatile long startNanos = System.nanoTime();
  private final PrintStream out;
  private final boolean quiet;
  private final List<Event> events = new ArrayList<>();

  /** @param quiet print everything but the probe lines (they are still recorded) */
  Timeline(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** Sets the start of the run to now: setting up clients and connections must not eat into the schedule. */
  void start() {
    startNanos = System.nanoTime();
  }

  /** Nanoseconds since the start of the run: the clock every event and schedule uses. */
  long now() {
    return System.nanoTime() - startNanos;
  }

  /** Records and prints an event stamped now. */
  Event add(Kind kind, String source, String text) {
    return add(now(), kind, source, text);
  }

  synchronized Event add(long at, Kind kind, String source, String text) {
    Event e = new Event(at, kind, source, text);
    events.add(e);
    if (!(quiet && kind == Kind.PROBE)) {
      out.printf(Locale.ROOT, "%9.3fs  %-13s %s%n", at / 1e9, source, text);
    }
    return e;
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** The first event of {@code kind} at or after {@code from} nanoseconds, or {@code null}. */
  synchronized Event first(Kind kind, long from) {
    for (Event e : events) {
      if (e.kind() == kind && e.at() >= from) {
        return e;
      }
    }
    return null;
  }
}
