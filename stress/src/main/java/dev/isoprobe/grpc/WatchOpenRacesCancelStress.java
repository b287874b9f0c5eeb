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
 * A client re-opening its {@code Watch}: the new stream opens as the last other stream of the same
 * name is cancelled. The new one must stay registered (one stream), and be ended by the stop.
 */
@JCStressTest
@State
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The new stream is watched, and the stop ends it.")
@Outcome(expect = FORBIDDEN, desc = "The new stream was lost: never told a change, never ended.")
public class WatchOpenRacesCancelStress {

  private final Watchers watchers = new Watchers(StressedProbes.PROBES, Duration.ofSeconds(1));
  private final StressedStream cancelled = new StressedStream();
  private final StressedStream opened = new StressedStream();

  public WatchOpenRacesCancelStress() {
    watchers.watch(StressedProbes.UNKNOWN, cancelled);
  }

  @Actor
  public void cancelOld() {
    cancelled.cancel();
  }

  @Actor
  public void openNew() {
    watchers.watch(StressedProbes.UNKNOWN, opened);
  }

  @Arbiter
  public void stopped(II_Result result) {
    result.r1 = watchers.size();
    watchers.stateChanged(Probes.State.STOPPING);
    result.r2 = opened.endings;
  }
}
