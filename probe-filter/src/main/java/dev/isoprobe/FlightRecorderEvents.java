/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Tells JDK Flight Recorder what the checks do, as events an operator finds in a recording next
 * to the JVM's own: {@value #CHECK_SETTLED}, {@value #CHECK_TIMED_OUT}, {@value #PROBE_LATE} and
 * {@value #STATUS_CHANGED}. Each costs one flag read while no recording asks for it; names, outcomes
 * and thread names only, never a check's message.
 */
final class FlightRecorderEvents implements ProbeEvents {

  static final String CHECK_SETTLED = "dev.isoprobe.CheckSettled";
  /** Published before "timed out" was the one word for it; recordings and scripts use it. */
  static final String CHECK_TIMED_OUT = "dev.isoprobe.CheckOverran";
  static final String PROBE_LATE = "dev.isoprobe.ProbeAnsweredLate";
  static final String STATUS_CHANGED = "dev.isoprobe.CheckStatusChanged";
  private FlightRecorderEvents() {}

  /**
   * Returns the events, with Flight Recorder's own start-up done here rather than at the first
   * outcome, where it took longer than a short deadline (150-280 ms on 2 cores): each event class
   * is loaded, registered and asked whether it is recorded once.
   */
  static FlightRecorderEvents warmedUp() {
    new CheckSettled().shouldCommit();
    new CheckTimedOut().shouldCommit();
    new CheckStatusChanged().shouldCommit();
    new ProbeAnsweredLate().shouldCommit();
    return new FlightRecorderEvents();
  }

  @Override
  public void checkSettled(CheckReport report) {
    CheckSettled event = new CheckSettled();
    if (event.shouldCommit()) {
      event.check = report.name();
      event.outcome = report.outcome().label();
      event.ranFor = report.duration().toMillis();
      event.commit();
    }
  }

  @Override
  public void checkTimedOut(CheckReport timeout, Thread runner, boolean started) {
    CheckTimedOut event = new CheckTimedOut();
    if (event.shouldCommit()) {
      event.check = timeout.name();
      event.ranFor = timeout.duration().toMillis();
      event.thread = runner;
      event.started = started;
      event.commit();
    }
  }

  @Override
  public void checkTurned(CheckReport report, Standing before) {
    CheckStatusChanged event = new CheckStatusChanged();
    if (event.shouldCommit()) {
      event.check = report.name();
      event.up = report.standing().up();
      event.cause = report.outcome().label();
      event.commit();
    }
  }

  @Override
  public void probeAnsweredLate(String probe) {
    ProbeAnsweredLate event = new ProbeAnsweredLate();
    if (event.shouldCommit()) {
      event.probe = probe;
      event.commit();
    }
  }

  @Name(CHECK_SETTLED)
  @Label("Check Settled")
  @Category("isoprobe")
  @StackTrace(false) // the stack of isoprobe's own thread says nothing, and would be most of the event
  @Description("A probe got this check's report: once per execution, and once per probe answered stuck")
  static final class CheckSettled extends Event {
    @Label("Check")
    String check;
    @Label("Outcome")
    String outcome;
    @Label("Ran For")
    @Timespan(Timespan.MILLISECONDS)
    long ranFor; // not "duration": every event has that field already, the time commit() took
  }

  @Name(CHECK_TIMED_OUT)
  @Label("Check Timed Out")
  @Category("isoprobe")
  @StackTrace(false) // the stack of isoprobe's own thread says nothing, and would be most of the event
  @Description("An execution timed out: its deadline passed, and it was cancelled and interrupted")
  static final class CheckTimedOut extends Event {
    @Label("Check")
    String check;
    @Label("Ran For")
    @Timespan(Timespan.MILLISECONDS)
    long ranFor; // not "duration": every event has that field already, the time commit() took
    @Label("Thread")
    @Description("The thread inside the check when it timed out, none if it was queued or leaving")
    Thread thread;
    @Label("Started")
    boolean started;
  }

  @Name(STATUS_CHANGED)
  @Label("Check Status Changed")
  @Category("isoprobe")
  @StackTrace(false) // the stack of isoprobe's own thread says nothing, and would be most of the event
  @Description("The status probes answer for a check changed, or its first outcome set it")
  static final class CheckStatusChanged extends Event {
    @Label("Check")
    String check;
    @Label("Up")
    boolean up;
    @Label("Cause")
    @Description("The outcome that changed it")
    String cause;
  }

  @Name(PROBE_LATE)
  @Label("Probe Answered Late")
  @Category("isoprobe")
  @StackTrace(false) // the stack of isoprobe's own thread says nothing, and would be most of the event
  @Description("A probe was answered later than its deadline plus the least answer reserve")
  static final class ProbeAnsweredLate extends Event {
    @Label("Probe")
    String probe;
  }
}
