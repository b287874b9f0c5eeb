package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Episodes at the unit seam: reports in, log lines out. */
class LoggingEventsTest {

  private final LoggingEvents events = new LoggingEvents(new Redactor(List.of()));

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
  void aDeadlineMissedInTheQueueSaysNoThreadWasFree() {
    try (LogCapture logs = LogCapture.start()) {
      CheckReport timeout = report(Outcome.TIMEOUT, null);
      for (int i = 0; i < 5; i++) {
        events.checkOverran(timeout, null, false);
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
      events.checkOverran(report(Outcome.TIMEOUT, null), null, true);

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
  void framesAreCut() {
    StackTraceElement frame = new StackTraceElement("a.B", "c", "B.java", 1);
    StackTraceElement[] deep = new StackTraceElement[LoggingEvents.MAX_FRAMES + 7];
    java.util.Arrays.fill(deep, frame);
    String frames = LoggingEvents.frames(deep);
    assertThat(frames.split("\n\tat ", -1)).hasSize(LoggingEvents.MAX_FRAMES + 1);
    assertThat(frames).endsWith("\n\t... 7 more");
  }
}
