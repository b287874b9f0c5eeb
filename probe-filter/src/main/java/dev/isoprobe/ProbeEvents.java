/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.List;
import java.util.function.Consumer;

/**
 * What happens inside isoprobe, told to metrics and logs. Every method has a no-op default, and
 * {@link #NONE} is the listener when nobody listens. Implementations must be thread-safe and
 * quick: they run on check threads, the deadline timer and the threads that answer probes.
 */
interface ProbeEvents {

  /** Listens to nothing. */
  ProbeEvents NONE = new ProbeEvents() {};

  /** Called once the engine is built, so listeners can watch its lanes and stuck checks. */
  default void attached(ProbeEngine engine) {}

  /**
   * A probe got this check's report: once per execution with the report every joined probe
   * saw (up, down, error, timeout, rejected), and once per probe answered {@code STUCK} or
   * {@code STALE}.
   */
  default void checkSettled(CheckReport report) {}

  /**
   * The status probes answer for a check turned, to {@code report.standing()}: its thresholds
   * counted enough outcomes in a row against the one before ({@code before}), or the check's first
   * outcome set it ({@code before} null). {@code report} is the outcome that did it.
   */
  default void checkTurned(CheckReport report, Standing before) {}

  /**
   * An execution timed out. Called on the timer thread before {@code runner} is
   * interrupted, while it still runs this check, so its stack shows where the check is blocked.
   * {@code runner} is null when no thread was inside the check: it timed out waiting in the queue
   * ({@code started} false), or its thread was just entering or leaving it. Followed by
   * {@link #checkSettled} with the same report.
   */
  default void checkTimedOut(CheckReport timeout, Thread runner, boolean started) {}

  /**
   * The cancel lane was full, its threads held by callbacks that block: the callbacks of this
   * execution of {@code check} did not run. Its thread was still interrupted.
   */
  default void callbacksNotRun(String check, Lane cancelLane) {}

  /** An execution that missed its deadline returned after all, with the report it would have had. */
  default void checkReturnedLate(CheckReport late) {}

  /** A lane was full: the check was not run. */
  default void checkRejected(String check, Lane lane) {}

  /** The probes moved on in their life, to {@code state}. */
  default void stateChanged(Probes.State state) {}

  /** A probe was answered with {@code status}; {@code probe} is its name, such as {@code readyz}. */
  default void probeAnswered(String probe, int status) {}

  /**
   * A probe was answered more than {@link AnswerReserve#least} after its deadline, counted from when
   * the filter saw the request: the machine was short of CPU for the probe rate.
   */
  default void probeAnsweredLate(String probe) {}

  /** Returns a listener that tells each of {@code listeners} in turn. */
  static ProbeEvents of(List<ProbeEvents> listeners) {
    List<ProbeEvents> all = List.copyOf(listeners);
    if (all.isEmpty()) {
      return NONE;
    }
    return new Guarded(all);
  }

  /**
   * Tells several listeners. A listener that throws anything is skipped, an {@link Error} included
   * (a {@code NoClassDefFoundError} from a runtime without {@code jdk.jfr}, an
   * {@code OutOfMemoryError} while a stack is logged): observing a check must never keep it from
   * settling, its slot from freeing or its answer from being given, nor keep the event from the
   * other listeners.
   */
  final class Guarded implements ProbeEvents {
    private final ProbeEvents[] listeners;

    private Guarded(List<ProbeEvents> listeners) {
      this.listeners = listeners.toArray(new ProbeEvents[0]);
    }

    private void tellEach(Consumer<ProbeEvents> event) {
      for (ProbeEvents listener : listeners) {
        try {
          event.accept(listener);
        } catch (Throwable ignored) {
          // See the class comment.
        }
      }
    }

    @Override
    public void attached(ProbeEngine engine) {
      tellEach(listener -> listener.attached(engine));
    }

    @Override
    public void checkSettled(CheckReport report) {
      tellEach(listener -> listener.checkSettled(report));
    }

    @Override
    public void checkTurned(CheckReport report, Standing before) {
      tellEach(listener -> listener.checkTurned(report, before));
    }

    @Override
    public void checkTimedOut(CheckReport timeout, Thread runner, boolean started) {
      tellEach(listener -> listener.checkTimedOut(timeout, runner, started));
    }

    @Override
    public void callbacksNotRun(String check, Lane cancelLane) {
      tellEach(listener -> listener.callbacksNotRun(check, cancelLane));
    }

    @Override
    public void checkReturnedLate(CheckReport late) {
      tellEach(listener -> listener.checkReturnedLate(late));
    }

    @Override
    public void checkRejected(String check, Lane lane) {
      tellEach(listener -> listener.checkRejected(check, lane));
    }

    @Override
    public void stateChanged(Probes.State state) {
      tellEach(listener -> listener.stateChanged(state));
    }

    @Override
    public void probeAnswered(String probe, int status) {
      tellEach(listener -> listener.probeAnswered(probe, status));
    }

    @Override
    public void probeAnsweredLate(String probe) {
      tellEach(listener -> listener.probeAnsweredLate(probe));
    }
  }
}
