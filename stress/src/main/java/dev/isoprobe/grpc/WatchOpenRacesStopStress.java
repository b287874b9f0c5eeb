/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.isoprobe.Probes;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A {@code Watch} opening as the probes stop: it is either ended by the stop or refused, once,
 * and never left registered.
 */
@JCStressTest
@State
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "Ended by the stop, or refused after it.")
@Outcome(expect = FORBIDDEN, desc = "Left open past the stop, ended twice, or still registered.")
public class WatchOpenRacesStopStress {

  private final Watchers watchers = new Watchers(StressedProbes.PROBES, Duration.ofSeconds(1));
  private final StressedStream opened = new StressedStream();

  @Actor
  public void open() {
    watchers.watch(StressedProbes.UNKNOWN, opened);
  }

  @Actor
  public void stop() {
    watchers.stateChanged(Probes.State.STOPPING);
  }

  @Arbiter
  public void ended(II_Result result) {
    result.r1 = opened.endings;
    result.r2 = watchers.size();
  }
}
