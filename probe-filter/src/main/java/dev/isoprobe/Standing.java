/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Instant;

/**
 * What a check's thresholds make of its executions so far: the status probes answer, how many
 * executions in a row have gone against it, and when it last changed and last succeeded.
 * Immutable; each execution's outcome makes the next one ({@link #next}).
 *
 * <p>The status turns only after {@code needed} executions in a row go against it: the failure
 * threshold while up, the success threshold while down. The first execution sets it outright,
 * so a service is not ready before a check has succeeded, nor down before one has failed.
 * {@link Outcome#STUCK} and {@link Outcome#STALE} turn it at once: they are no execution that
 * might flap, but a check that timed out and still holds its thread, or a background
 * check with no recent result.
 *
 * @param up the status probes answer
 * @param streak executions in a row against {@code up}, fewer than {@code needed}
 * @param needed the executions in a row against {@code up} that turn it
 * @param since when the status last turned, or was first set
 * @param lastSuccess when an execution last returned up; null if none has
 * @param at when the outcome this standing includes was reported
 */
record Standing(boolean up, int streak, int needed, Instant since, Instant lastSuccess,
    Instant at) {

  /** The thresholds of one check: how many executions in a row turn it down, and up. */
  record Thresholds(int failures, int successes) {
    static final Thresholds NONE = new Thresholds(1, 1);

    int toTurn(boolean up) {
      return up ? failures : successes;
    }
  }

  /** Returns the standing an outcome gives a check that has none yet. */
  static Standing first(Outcome outcome, Instant at, Thresholds thresholds) {
    boolean up = outcome == Outcome.UP;
    return new Standing(up, 0, thresholds.toTurn(up), at, up ? at : null, at);
  }

  /** Returns the standing after {@code outcome}, reported at {@code at}. */
  Standing next(Outcome outcome, Instant at, Thresholds thresholds) {
    boolean success = outcome == Outcome.UP;
    Instant succeeded = success ? at : lastSuccess;
    if (success == up) {
      return new Standing(up, 0, needed, since, succeeded, at);
    }
    if (outcome.isWithoutResult() || streak + 1 >= needed) {
      return new Standing(success, 0, thresholds.toTurn(success), at, succeeded, at);
    }
    return new Standing(up, streak + 1, needed, since, succeeded, at);
  }

  /** Returns if {@code next} has another status than this one. */
  boolean turnedIn(Standing next) {
    return next.up != up;
  }
}
