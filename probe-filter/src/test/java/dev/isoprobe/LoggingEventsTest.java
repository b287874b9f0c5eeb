/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Episodes at the unit seam: reports in, log lines out. */
class LoggingEventsTest {

  private final LoggingEvents events = new LoggingEvents(new Redactor(List.of()), true);

  private static CheckReport report(Outcome outcome, String error) {
    return new CheckReport("db", outcome, Duration.ofMillis(5), Map.of(), error);
  }

  @Test
  void errorsAreOneWarningUntilTheCheckReturnsAResult() {
    try (LogCapture logs = LogCapture.start()) {
      for (int i = 0; i < 50; i++) {
        events.checkSettled(report(Outcome.ERROR, "SQLException: login failed, password=S3cr3t"));
      }
      events.checkSettled(report(Outcome.DOWN, null));
      events.checkSettled(report(Outcome.UP, null));

      assertThat(logs.events(LoggingEvents.LOGGER)).extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("check 'db' failed: SQLException: login failed, password=***",
              "check 'db' is down again after 50 error(s)");
    }
  }

  @Test
  void withoutErrorMessagesAFailureIsLoggedByItsExceptionClassAlone() {
    LoggingEvents classOnly = new LoggingEvents(new Redactor(List.of()), false);
    try (LogCapture logs = LogCapture.start()) {
      classOnly.checkSettled(report(Outcome.ERROR, "SQLException: FATAL: role \"app\" at db.internal"));

      assertThat(logs.events(LoggingEvents.LOGGER)).extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("check 'db' failed: SQLException");
    }
  }

  @Test
  void aDeadlineMissedInTheQueueSaysNoThreadWasFree() {
    try (LogCapture logs = LogCapture.start()) {
      CheckReport timeout = report(Outcome.TIMEOUT, null);
      for (int i = 0; i < 5; i++) {
        events.checkTimedOut(timeout, null, false);
        events.checkSettled(timeout);
      }
      events.checkSettled(report(Outcome.UP, null));

      assertThat(logs.events(LoggingEvents.LOGGER)).extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("check 'db' missed its deadline after 5 ms without starting: every probe thread was busy",
              "check 'db' answers within its deadline again after 5 missed deadline(s)");
    }
  }

  @Test
  void aDeadlineMissedByAStartedCheckWithoutAThreadInsideItDoesNotBlameTheLane() {
    try (LogCapture logs = LogCapture.start()) {
      events.checkTimedOut(report(Outcome.TIMEOUT, null), null, true);

      assertThat(logs.events(LoggingEvents.LOGGER)).extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("check 'db' missed its deadline after 5 ms as its thread was entering "
              + "or leaving it; cancelled it. Probes get TIMEOUT");
    }
  }

  @Test
  void callbacksNotRunSayWhatHoldsTheCancelThreads() {
    Lane cancelLane = new Lane("cancel", 2, 1, java.util.concurrent.ConcurrentHashMap.newKeySet());
    try (LogCapture logs = LogCapture.start()) {
      events.callbacksNotRun("db", cancelLane);

      assertThat(logs.events(LoggingEvents.LOGGER)).extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("check 'db' missed its deadline and its cancel callbacks were not run: "
              + "the 2 isoprobe-cancel-<n> threads are held by callbacks that block, and 0 more "
              + "wait; a thread dump shows where they are blocked");
    } finally {
      cancelLane.shutdownNow();
    }
  }

  @Test
  void aStuckLineHeldUpInItsAppenderStillComesBeforeTheLateReturnLine() throws Exception {
    events.checkTimedOut(report(Outcome.TIMEOUT, null), Thread.currentThread(), true);
    // Attached before the capture, so that it holds the stuck line before the capture sees it.
    try (BlockingLog held = BlockingLog.holdOn("is stuck"); LogCapture logs = LogCapture.start()) {
      Thread prober = new Thread(() -> events.checkSettled(report(Outcome.STUCK, null)));
      prober.start();
      assertThat(held.awaitHeld(Duration.ofSeconds(5))).isTrue();
      Thread checkThread = new Thread(() -> events.checkReturnedLate(report(Outcome.UP, null)));
      checkThread.start();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
          checkThread.getState() == Thread.State.BLOCKED || !checkThread.isAlive());
      held.release();
      prober.join(5_000);
      checkThread.join(5_000);

      assertThat(logs.events(LoggingEvents.LOGGER)).extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("check 'db' is stuck: still running 5 ms after it started, ignoring "
              + "cancellation; probes get STUCK at once and no second copy starts until it returns",
              "check 'db' returned up after 5 ms, past its deadline; 1 probe(s) were answered "
              + "STUCK meanwhile");
    }
  }

  @Test
  void framesAreCut() {
    StackTraceElement frame = new StackTraceElement("a.B", "c", "B.java", 1);
    StackTraceElement[] deep = new StackTraceElement[LoggingEvents.MAX_FRAMES + 7];
    java.util.Arrays.fill(deep, frame);
    String frames = LoggingEvents.frames(deep);
    assertThat(frames.split("\n\tat ", -1)).hasSize(LoggingEvents.MAX_FRAMES + 1);
    assertThat(frames).endsWith("\n\t... 7 more");
  }
}
