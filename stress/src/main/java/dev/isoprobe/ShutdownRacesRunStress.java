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
import org.openjdk.jcstress.infra.results.LZ_Result;

/**
 * Shutdown abandoning a queued execution as a lane thread takes it: either the check runs and
 * probes get its result, or it never runs and they get {@code REJECTED}; never both, never
 * neither.
 */
@JCStressTest
@State
@Outcome(id = "UP, true", expect = ACCEPTABLE, desc = "The thread took it first: it ran.")
@Outcome(id = "REJECTED, false", expect = ACCEPTABLE, desc = "Shutdown came first: it never ran.")
@Outcome(expect = FORBIDDEN, desc = "Ran and rejected, or neither: a wrong or a lost answer.")
public class ShutdownRacesRunStress {

  private final StressedExecution subject = new StressedExecution();

  @Actor
  public void laneThread() {
    subject.execution.run();
  }

  @Actor
  public void shutdown() {
    subject.execution.abandon();
  }

  @Arbiter
  public void answered(LZ_Result result) {
    result.r1 = subject.outcome();
    result.r2 = subject.ran;
  }
}
