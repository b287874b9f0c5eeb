/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Flight Recorder events of a hung check and a healthy one, read back from a recording. */
class FlightRecorderEventsTest {

  @Test
  void aRecordingShowsEachExecutionAndTheOverrunWithTheThreadInsideTheCheck(@TempDir Path dir)
      throws Exception {
    TestChecks.Blocking db = new TestChecks.Blocking();
    FakeTime time = new FakeTime(); // the overrun at its exact time, however loaded the machine
    Probes probes = Probes.builder().deadline(Duration.ofMillis(300)).clock(time)
        .warmUp(Duration.ZERO) // the probe runs both checks while the recording records
        .check(Check.builder("db", db).build())
        .check(Check.builder("cache", ctx -> CheckResult.up()).build())
        .build();
    Path file = dir.resolve("probes.jfr");
    try (TestServer server = TestServer.start(probes); Recording recording = new Recording()) {
      recording.enable(FlightRecorderEvents.CheckSettled.class);
      recording.enable(FlightRecorderEvents.CheckTimedOut.class);
      recording.start();

      var answer = server.getAsync("/readyz?verbose");
      assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
      time.advance(Duration.ofMillis(300).toNanos() - Duration.ofMillis(300).toNanos() / 32);
      assertThat(answer.get(5, TimeUnit.SECONDS).body())
          .contains("[-]db failed: timeout after 290ms", "[+]cache ok");

      recording.stop();
      recording.dump(file);
    } finally {
      probes.close();
    }

    List<RecordedEvent> events = RecordingFile.readAllEvents(file);
    assertThat(events).filteredOn(event -> event.getEventType().getName().equals(FlightRecorderEvents.CHECK_TIMED_OUT))
        .singleElement().satisfies(overran -> {
          assertThat(overran.getString("check")).isEqualTo("db");
          assertThat(overran.getBoolean("started")).isTrue();
          assertThat(overran.getThread("thread").getJavaName()).startsWith("isoprobe-check-");
          assertThat(overran.getLong("ranFor")).isEqualTo(290L); // the deadline less its reserve
        });
    assertThat(events).filteredOn(event -> event.getEventType().getName().equals(FlightRecorderEvents.CHECK_SETTLED))
        .extracting(event -> event.getString("check") + " " + event.getString("outcome"))
        .contains("db timeout", "cache up");
    // The first outcome of each check sets its status.
    assertThat(events).filteredOn(event -> event.getEventType().getName().equals(FlightRecorderEvents.STATUS_CHANGED))
        .extracting(event -> event.getString("check") + " " + event.getBoolean("up") + " "
            + event.getString("cause"))
        .containsExactlyInAnyOrder("db false timeout", "cache true up");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getEventType().getCategoryNames()).containsExactly("isoprobe");
      assertThat(event.getStackTrace()).isNull();
    });
  }
}
