/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;

/**
 * Hears how checks and their groups fare over time: each change of status, each execution that
 * misses its deadline, each check stuck past it and each that returns after all. For what must
 * follow the checks rather than ask them: a gRPC {@code Watch}, a status page, an alert on a
 * transition. Add one with {@link Probes#addListener(HealthListener)}.
 *
 * <p>Every method is called on a thread of isoprobe's own ({@code isoprobe-listener-<n>}), one
 * per listener, one event at a time in the order they happened: never on a check's thread, the
 * deadline timer or a thread that answers probes, so a listener cannot delay a check, an answer or
 * another listener. A listener that throws is logged once and goes on hearing later events. One
 * that is slow holds only its own thread: its events wait for it, up to 1,024, and those beyond
 * are dropped for it and logged; once it has read those waiting, it is told the status of each
 * check and group that differs from what it heard, so that it misses no lasting change. The
 * status change a timeout causes may be told before the {@link #timedOut} itself: probes get
 * their answer first. A change is told as the execution that caused it ends: a probe that arrives
 * just then may still join that execution and be given its answer. Each method does nothing by
 * default.
 */
public interface HealthListener {

  /**
   * A check's status changed: its thresholds counted enough outcomes against the one before. Also
   * called for its first outcome, which sets the status outright, and, for a listener added
   * after that, once with the status the check has when it is added.
   */
  default void checkChanged(StatusChange change) {}

  /**
   * A group's status changed: a group is up while each of its checks is. First called once each
   * of its checks has a status, then on each change. {@link StatusChange#name()} is the group's
   * name in lower case ({@code readiness}), {@link StatusChange#cause()} the check that changed it.
   */
  default void groupChanged(StatusChange change) {}

  /**
   * An execution of {@code check} missed its deadline after {@code ranFor}: its probes were
   * answered {@code timeout}, and it was cancelled, and interrupted if it had started; one that
   * was still waiting for a thread never runs.
   */
  default void timedOut(String check, Duration ranFor) {}

  /**
   * A probe found {@code check} still running {@code ranFor} after it started, more than the
   * unwind grace (250 ms) after its deadline interrupted it: it ignores cancellation, and probes
   * are answered {@code stuck}. Once per execution; never after its {@link #returnedLate}.
   */
  default void stuck(String check, Duration ranFor) {}

  /**
   * An execution of {@code check} that missed its deadline returned after all, after
   * {@code ranFor}: its thread is free, and the next execution may start. Told after its
   * {@link #timedOut}, however soon it returned. Not a sign of health: a check that honours its
   * interrupt returns, with an error, just after it timed out.
   */
  default void returnedLate(String check, Duration ranFor) {}

  /**
   * The probes moved on in their life ({@link Probes#state()}): {@code RUNNING} (the warm-up is
   * over: startup is answered from its checks), {@code DRAINING} (readiness is refused), then
   * {@code STOPPING} (every probe is). Told even when events wait for a slow
   * listener, and before the listener's thread itself stops, within the shutdown's timeout.
   * {@code STOPPED} is not told: it is reached when {@link Probes#shutdown} returns, once the
   * listener threads have stopped, so {@code STOPPING} is the last event; what must happen once
   * isoprobe has stopped belongs after that call.
   */
  default void stateChanged(Probes.State state) {}
}
