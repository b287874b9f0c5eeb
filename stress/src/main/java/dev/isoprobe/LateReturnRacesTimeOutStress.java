/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * A check returning as its deadline times it out: a late return is told once, after the
 * time-out, whichever of the check's thread and the deadline's tells it. Told by the check's
 * thread whenever it returned, it could come first (the deadline settles the run, then tells).
 */
@JCStressTest
@State
@Outcome(id = "UP, none", expect = ACCEPTABLE,
    desc = "The check returned before its deadline: no time-out, no late return.")
@Outcome(id = "TIMEOUT, timedOut", expect = ACCEPTABLE,
    desc = "The deadline came while it was queued: the check never ran.")
@Outcome(id = "TIMEOUT, timedOut returnedLate", expect = ACCEPTABLE,
    desc = "The deadline came while the check ran, which then returned: told in that order.")
@Outcome(expect = FORBIDDEN,
    desc = "The late return told before the time-out, twice or not at all.")
public class LateReturnRacesTimeOutStress {

  private final Queue<String> told = new ConcurrentLinkedQueue<>();
  private final StressedExecution subject = new StressedExecution(new ProbeEvents() {
    @Override
    public void checkTimedOut(CheckReport timeout, Thread runner, boolean started) {
      told.add("timedOut");
    }

    @Override
    public void checkReturnedLate(CheckReport late) {
      told.add("returnedLate");
    }
  });

  @Actor
  public void checkThread() {
    subject.execution.run();
  }

  @Actor
  public void deadlineTimer() {
    subject.execution.timeOut();
  }

  @Arbiter
  public void told(LL_Result result) {
    result.r1 = subject.outcome();
    result.r2 = told.isEmpty() ? "none" : String.join(" ", told);
  }
}
