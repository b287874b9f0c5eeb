/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LI_Result;

/**
 * A check's alarm ringing for an execution that has returned, as the next execution launches and
 * sets the alarm for its own deadline: afterwards a ring is pending, and it times the new
 * execution out. None pending, the new execution would have no deadline. Two is the price of
 * recording a ring only once its schedule succeeded (a record of one the timer then refused left
 * an execution without a deadline): the ring and the launcher may both schedule before either
 * has recorded its own, and the timer wakes once more, for nothing.
 */
@JCStressTest
@State
@Outcome(id = "TIMEOUT, 1", expect = ACCEPTABLE,
    desc = "One ring pending, which timed the new execution out at its deadline.")
@Outcome(id = "TIMEOUT, 2", expect = ACCEPTABLE_INTERESTING,
    desc = "Both scheduled before either recorded its ring: one wake-up more, for nothing.")
@Outcome(expect = FORBIDDEN, desc = "No deadline for the new execution, or more rings than setters.")
public class AlarmRacesLaunchStress {

  private static final long NOW = 1_000_000_000L;
  private static final Ticker CLOCK = () -> NOW;

  /** The rings scheduled, in order; the first is the one set for the execution that returned. */
  private final List<Runnable> rings = new CopyOnWriteArrayList<>();
  private final StressedExecution subject = new StressedExecution(2, CLOCK, (ring, delay) -> { });
  /** The execution before: started a second ago, its deadline now. */
  private final Execution returned =
      new Execution(subject.runner, subject.lane, CLOCK, NOW - StressedExecution.SECOND,
          StressedExecution.SECOND);
  /** The next one, started now: its deadline a second on. */
  private final Execution next = subject.another();
  private volatile Execution current = returned;
  private final DeadlineAlarm alarm =
      new DeadlineAlarm((ring, delayNanos) -> rings.add(ring), CLOCK, () -> current);

  {
    returned.launch();
    alarm.setFor(returned); // its ring due now
    returned.run(); // returned in time
    current = next; // the slot taken by the next probe, which now launches it
  }

  @Actor
  public void timer() {
    rings.get(0).run();
  }

  @Actor
  public void probe() {
    next.launch();
    alarm.setFor(next);
  }

  @Arbiter
  public void answered(LI_Result result) {
    List<Runnable> later = rings.subList(1, rings.size());
    result.r2 = later.size();
    later.forEach(Runnable::run); // the clock reaches the new execution's deadline
    result.r1 = StressedExecution.outcome(next);
  }
}
