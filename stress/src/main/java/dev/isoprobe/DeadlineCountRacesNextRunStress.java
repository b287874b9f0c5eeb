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
 * A deadline expiring an execution while its check returns, and the next execution running as
 * soon as the slot is free: the deadline's {@code TIMEOUT}, when it wins, is counted before the
 * next execution's result, never after it. Counted after, it left a healthy check down (the
 * deadline's thread descheduled between deciding and counting).
 */
@JCStressTest
@State
@Outcome(id = {"UP, UP", "TIMEOUT, UP"}, expect = ACCEPTABLE,
    desc = "The check or its deadline decided the first execution; the next one's UP counts last.")
@Outcome(id = ".*, DOWN", expect = FORBIDDEN,
    desc = "The first execution's TIMEOUT was counted after the next execution's UP.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: a lost or a wrong answer.")
public class DeadlineCountRacesNextRunStress {

  private final StressedExecution subject = new StressedExecution();

  @Actor
  public void checkThreadThenNextProbe() {
    subject.execution.run();
    subject.runNextOnceFree();
  }

  @Actor
  public void deadlineTimer() {
    subject.execution.timeOut();
  }

  @Arbiter
  public void answered(LL_Result result) {
    result.r1 = subject.outcome();
    result.r2 = subject.status();
  }
}
