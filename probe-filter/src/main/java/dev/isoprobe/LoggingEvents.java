/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs trouble once per episode, never once per probe, so a probe storm against a hung check
 * stays a handful of lines. A time-out episode starts when a check times out (WARN
 * with the stack of the thread running it), may see its first stuck probe (WARN) and its first
 * late return (INFO), and ends when the check next answers within its deadline. Error and
 * rejection episodes start with a WARN and end with an INFO when the check answers again. Every
 * line is redacted. Logger: {@code dev.isoprobe.checks}.
 */
final class LoggingEvents implements ProbeEvents {

  static final String LOGGER = "dev.isoprobe.checks";
  /** Enough frames to go from the blocking call up through the check's own code. */
  static final int MAX_FRAMES = 48;
  private static final Logger log = Logs.get(LOGGER);

  private final Redactor redactor;
  /** Whether a failure's line carries the exception's redacted message, or its class alone. */
  private final boolean errorMessages;
  private final Map<String, Episode> episodes = new ConcurrentHashMap<>();

  LoggingEvents(Redactor redactor, boolean errorMessages) {
    this.redactor = redactor;
    this.errorMessages = errorMessages;
  }

  /** What is wrong with one check right now; guarded by itself. */
  private static final class Episode {
    boolean timedOut;
    /** The time-out WARN is out: a stuck line may follow it, never precede it. */
    boolean timeOutLogged;
    int missed;
    long stuckProbes;
    boolean stuckLogged;
    boolean staleLogged;
    boolean returnedLogged;
    int errors;
    int rejections;
  }

  private Episode episode(String check) {
    return episodes.computeIfAbsent(check, name -> new Episode());
  }

  @Override
  public void checkTimedOut(CheckReport timeout, Thread runner, boolean started) {
    Episode episode = episode(timeout.name());
    synchronized (episode) {
      episode.missed++;
      if (episode.timedOut) {
        return;
      }
      episode.timedOut = true;
    }
    if (log.isWarnEnabled()) {
      warnTimedOut(timeout, runner, started);
    }
    synchronized (episode) {
      episode.timeOutLogged = episode.timedOut; // unless the episode ended meanwhile
    }
  }

  private void warnTimedOut(CheckReport timeout, Thread runner, boolean started) {
    long millis = timeout.duration().toMillis();
    if (!started) {
      log.warn(redactor.redact("check '" + timeout.name() + "' missed its deadline after " + millis
          + " ms without starting: every probe thread was busy"));
      return;
    }
    if (runner == null) {
      log.warn(redactor.redact("check '" + timeout.name() + "' missed its deadline after " + millis
          + " ms as its thread was entering or leaving it; cancelled it. Probes get TIMEOUT"));
      return;
    }
    // The runner is still inside the check (the caller holds it there): this is where it is blocked.
    StackTraceElement[] stack = runner.getStackTrace();
    log.warn(redactor.redact("check '" + timeout.name() + "' missed its deadline after " + millis
        + " ms; cancelled it and interrupted " + runner.getName() + " (" + runner.getState()
        + "). Probes get TIMEOUT, then STUCK until it returns. It is running at:") + frames(stack));
  }

  @Override
  public void checkSettled(CheckReport report) {
    switch (report.outcome()) {
      case STUCK -> stuck(report);
      case STALE -> stale(report);
      case UP, DOWN, ERROR -> returned(report);
      default -> {
        // TIMEOUT is logged by checkTimedOut, REJECTED by checkRejected.
      }
    }
  }

  private void stuck(CheckReport report) {
    Episode episode = episode(report.name());
    synchronized (episode) {
      episode.stuckProbes++;
      // Waiting probes are answered TIMEOUT before the time-out line is written; keep the order.
      if (episode.stuckLogged || !episode.timeOutLogged) {
        return;
      }
      episode.stuckLogged = true;
      // Logged under the episode's lock, as the late return is: a storm's probe thread
      // descheduled between the two would otherwise print "is stuck" after "returned".
      log.warn("check '{}' is stuck: still running {} ms after it started, ignoring cancellation; "
          + "probes get STUCK at once and no second copy starts until it returns",
          report.name(), report.duration().toMillis());
    }
  }

  private void stale(CheckReport report) {
    Episode episode = episode(report.name());
    synchronized (episode) {
      if (episode.staleLogged) {
        return;
      }
      episode.staleLogged = true;
    }
    log.warn("check '{}' is stale: its latest background result is {} ms old, past its max age; "
        + "probes get STALE until a run returns", report.name(), report.duration().toMillis());
  }

  @Override
  public void checkReturnedLate(CheckReport late) {
    Episode episode = episode(late.name());
    synchronized (episode) {
      if (!episode.timedOut || episode.returnedLogged) {
        return;
      }
      episode.returnedLogged = true;
      log.info("check '{}' returned {} after {} ms, past its deadline; {} probe(s) were answered "
          + "STUCK meanwhile", late.name(), late.outcome().label(), late.duration().toMillis(),
          episode.stuckProbes);
    }
  }

  /**
   * The check returned within its deadline: that ends a time-out episode and a rejection
   * episode, and an error starts an error episode or a result ends one. One lookup and one lock
   * per execution; nothing is logged when nothing was wrong.
   */
  private void returned(CheckReport report) {
    Episode episode = episode(report.name());
    boolean failed = report.outcome() == Outcome.ERROR;
    int missed;
    boolean told;
    int rejections;
    int errors;
    synchronized (episode) {
      missed = episode.timedOut ? episode.missed : 0;
      told = episode.returnedLogged;
      if (episode.timedOut) {
        episode.timedOut = false;
        episode.timeOutLogged = false;
        episode.missed = 0;
        episode.stuckProbes = 0;
        episode.stuckLogged = false;
        episode.returnedLogged = false;
      }
      rejections = episode.rejections;
      episode.rejections = 0;
      episode.staleLogged = false;
      errors = episode.errors;
      episode.errors = failed ? errors + 1 : 0;
    }
    // One miss whose late return was logged needs no second line.
    if (missed > 1 || (missed == 1 && !told)) {
      log.info("check '{}' answers within its deadline again after {} missed deadline(s)",
          report.name(), missed);
    }
    if (rejections > 0) {
      log.info("check '{}' runs again after {} rejection(s)", report.name(), rejections);
    }
    if (failed && errors == 0) {
      log.warn(redactor.redact("check '" + report.name() + "' failed: " + error(report)));
    } else if (!failed && errors > 0) {
      log.info("check '{}' is {} again after {} error(s)", report.name(), report.outcome().label(), errors);
    }
  }

  @Override
  public void callbacksNotRun(String check, Lane cancelLane) {
    log.warn("check '{}' missed its deadline and its cancel callbacks were not run: the {} "
        + "isoprobe-cancel-<n> threads are held by callbacks that block, and {} more wait; a "
        + "thread dump shows where they are blocked", check, cancelLane.maxThreads(),
        cancelLane.queued());
  }

  /** Returns what the failure line shows: the summary, or the exception's class from it. */
  private String error(CheckReport report) {
    String summary = report.error();
    if (summary == null) {
      return "error";
    }
    int message = summary.indexOf(": ");
    return errorMessages || message < 0 ? summary : summary.substring(0, message);
  }

  @Override
  public void checkRejected(String check, Lane lane) {
    Episode episode = episode(check);
    synchronized (episode) {
      if (episode.rejections++ > 0) {
        return;
      }
    }
    log.warn("check '{}' not run: the '{}' probe lane is full ({} of {} threads busy, {} queued); "
        + "probes get REJECTED until it has room", check, lane.name(), lane.activeThreads(),
        lane.maxThreads(), lane.queued());
  }

  /** Formats a stack like a logged exception's, cut at {@link #MAX_FRAMES}. */
  static String frames(StackTraceElement[] stack) {
    StringBuilder out = new StringBuilder(64 * Math.min(stack.length, MAX_FRAMES));
    int shown = Math.min(stack.length, MAX_FRAMES);
    for (int i = 0; i < shown; i++) {
      out.append("\n\tat ").append(stack[i]);
    }
    if (stack.length > shown) {
      out.append("\n\t... ").append(stack.length - shown).append(" more");
    }
    return out.toString();
  }
}
