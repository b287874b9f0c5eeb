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
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * A check returning as its deadline expires it: exactly one of them decides what probes get;
 * once the check has returned, a probe is given that, never {@code STUCK}; and a late return is
 * told once, after the time-out, whichever of the two threads tells it (told by the check's
 * whenever it returned, it came first when the check returned between the deadline's count and
 * its telling).
 */
@JCStressTest
@State
@Outcome(id = "UP, UP, none", expect = ACCEPTABLE, desc = "The check returned before its deadline.")
@Outcome(id = "TIMEOUT, TIMEOUT, timedOut", expect = ACCEPTABLE,
    desc = "The deadline came while it was queued: the check never ran.")
@Outcome(id = "TIMEOUT, TIMEOUT, timedOut returnedLate", expect = ACCEPTABLE,
    desc = "The deadline came while the check ran, which then returned: told in that order.")
@Outcome(expect = FORBIDDEN, desc = "Unsettled, settled twice, stuck after returning, or the late"
    + " return told before the time-out, twice or not at all: a lost or a wrong answer or event.")
public class ReturnRacesDeadlineStress {

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
  public void answered(LLL_Result result) {
    result.r1 = subject.outcome();
    result.r2 = subject.join(); // a probe arriving once both are done
    result.r3 = told.isEmpty() ? "none" : String.join(" ", told);
  }
}
