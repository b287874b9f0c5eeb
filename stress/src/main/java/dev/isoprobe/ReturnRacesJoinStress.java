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
 * A probe joining as the check returns, well within its deadline: it joins the execution or
 * reads its report, and is never told {@code STUCK} (the race that answered a healthy check
 * {@code stuck for 0ms} about once in 200,000 probes).
 */
@JCStressTest
@State
@Outcome(id = {"PENDING, UP", "UP, UP"}, expect = ACCEPTABLE,
    desc = "The probe joined before the check returned, or read its report after.")
@Outcome(id = "STUCK, UP", expect = FORBIDDEN,
    desc = "A check that returned in time was reported stuck.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a lost or a wrong answer.")
public class ReturnRacesJoinStress {

  private final StressedExecution subject = new StressedExecution();

  @Actor
  public void checkThread() {
    subject.execution.run();
  }

  @Actor
  public void probe(LL_Result result) {
    result.r1 = subject.join();
  }

  @Arbiter
  public void answered(LL_Result result) {
    result.r2 = subject.outcome();
  }
}
