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
import org.openjdk.jcstress.infra.results.LI_Result;

/**
 * A late deadline ringing as a full lane refuses the next execution's launch: probes get
 * {@code REJECTED} once, and the lane stays full. Before the execution had a {@code NEW} state,
 * the deadline took it for queued: it freed a slot the lane had never given (the lane grew by a
 * slot for good) and settled it {@code TIMEOUT} before the refusal settled it again.
 */
@JCStressTest
@State
@Outcome(id = "REJECTED, 0", expect = ACCEPTABLE,
    desc = "The lane refused it; the deadline found nothing it could time out.")
@Outcome(expect = FORBIDDEN,
    desc = "Timed out though never queued, or a slot freed that was never taken.")
public class LaunchRacesDeadlineStress {

  private final StressedExecution subject = new StressedExecution(0); // its one slot taken
  private final Execution refused = subject.another();

  @Actor
  public void probe() {
    refused.launch();
  }

  @Actor
  public void deadlineTimer() {
    refused.timeOut();
  }

  @Arbiter
  public void answered(LI_Result result) {
    result.r1 = StressedExecution.outcome(refused);
    result.r2 = subject.lane.freeSlots();
  }
}
