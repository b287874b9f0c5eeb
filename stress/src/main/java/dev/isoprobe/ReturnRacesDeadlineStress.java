/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * A check returning as its deadline expires it: exactly one of them decides what probes get,
 * and once the check has returned, a probe is given that, never {@code STUCK}.
 */
@JCStressTest
@State
@Outcome(id = "UP, UP", expect = ACCEPTABLE, desc = "The check returned before its deadline.")
@Outcome(id = "TIMEOUT, TIMEOUT", expect = ACCEPTABLE,
    desc = "The deadline came first, in the queue or while the check ran.")
@Outcome(expect = FORBIDDEN,
    desc = "Unsettled, settled twice, or stuck after returning: a lost or a wrong answer.")
public class ReturnRacesDeadlineStress {

  private final StressedExecution subject = new StressedExecution();

  @Actor
  public void checkThread() {
    subject.execution.run();
  }

  @Actor
  public void deadlineTimer() {
    subject.execution.timeOut();
  }

  @Arbiter
  public void answered(LL_Result result) {
    result.r1 = subject.outcome();
    result.r2 = subject.join(); // a probe arriving once both are done
  }
}
