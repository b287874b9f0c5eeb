/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An exchange answers once, and never after the container has ended the request. */
class ExchangeTest {

  private final DeadlineTimer watchdog =
      new DeadlineTimer("watchdog", java.util.concurrent.ConcurrentHashMap.newKeySet());
  private final InFlight inFlight = new InFlight(Duration.ofMillis(800), watchdog,
      Ticker.system(), ProbeEvents.NONE);
  // The container's response at the unit seam: a real one would be recycled for another request.
  private final HttpServletResponse response = mock(HttpServletResponse.class);
  private final Exchange exchange = new Exchange(response, System.nanoTime(),
      new Exchange.Reply("readyz", Format.TEXT, false, false, null, /* http1= */ true), inFlight,
      ProbeEvents.NONE);

  @AfterEach
  void stop() {
    watchdog.shutdown();
  }

  @Test
  void aReportSettlingAfterTheContainerCompletedTheRequestWritesNothing() {
    AsyncContext async = mock(AsyncContext.class);
    exchange.detach(async);
    assertThat(inFlight.size()).isEqualTo(1);

    exchange.onComplete(new AsyncEvent(async));
    exchange.answer(new ProbeReport("readyz", List.of()));

    verify(response, never()).setStatus(anyInt());
    assertThat(inFlight.size()).isZero();
  }
}
