/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-flight watchdog's sweep stays armed while probes are in flight, whatever its timer does. */
class InFlightTest {

  /**
   * Regression: a watchdog that could not start its thread (an {@code OutOfMemoryError} at a
   * container's pid limit) threw into the probe's request thread, and left its sweep marked armed:
   * no later probe had the watchdog as its last answer again.
   */
  @Test
  void aSweepTheWatchdogCouldNotScheduleIsArmedAgainByTheNextProbe() {
    AtomicInteger refusals = new AtomicInteger(1);
    List<Runnable> sweeps = new CopyOnWriteArrayList<>();
    Scheduler flaky = (task, delayNanos) -> {
      if (refusals.getAndDecrement() > 0) {
        throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
      }
      sweeps.add(task);
    };
    InFlight inFlight = new InFlight(Duration.ofMillis(800), flaky, Ticker.system(),
        ProbeEvents.NONE);

    assertThatCode(() -> exchange(inFlight).detach(mock(AsyncContext.class)))
        .doesNotThrowAnyException();
    assertThat(sweeps).isEmpty();

    exchange(inFlight).detach(mock(AsyncContext.class));
    assertThat(inFlight.size()).isEqualTo(2);
    assertThat(sweeps).hasSize(1);
  }

  private static Exchange exchange(InFlight inFlight) {
    // The container's response at the unit seam: nothing is written here.
    return new Exchange(mock(HttpServletResponse.class), System.nanoTime(),
        new Exchange.Reply("readyz", Format.TEXT, false, false, null, /* http1= */ true), inFlight,
        ProbeEvents.NONE);
  }
}
