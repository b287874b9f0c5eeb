/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A probe storm against a hung or slow check is a handful of log lines, not one per probe. */
class EpisodeLogTest {

  private static final int PROBES = 200;
  private static final int CONCURRENCY = 8;

  /** Blocks until released, ignoring interrupts like a JDBC call without a timeout. */
  static CheckResult blockUntilReleased(CountDownLatch release) {
    boolean interrupted = false;
    while (true) {
      try {
        release.await();
        break;
      } catch (InterruptedException ignored) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return CheckResult.up();
  }

  @Test
  void hungCheckIsLoggedOnceWithTheFrameWhereItBlocksAndOnceWhenItReturns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(200)).deadlockCheck(false)
        .check(Check.builder("hung", ctx -> blockUntilReleased(release)).build())
        .build();
    try (LogCapture logs = LogCapture.start(); TestServer server = TestServer.start(probes)) {
      List<Integer> statuses = storm(server, "/readyz");
      assertThat(statuses).hasSize(PROBES).containsOnly(503);
      // Stuck once the unwind grace has passed since its interrupt: a probe then says so.
      await().atMost(Duration.ofSeconds(5))
          .until(() -> server.get("/readyz").body().contains("[-]hung failed: stuck for"));

      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> logs.events("dev.isoprobe.checks").size() == 3);
      assertThat(server.get("/readyz").statusCode()).isEqualTo(200);

      List<ILoggingEvent> events = logs.events("dev.isoprobe.checks");
      assertThat(events).extracting(ILoggingEvent::getLevel)
          .containsExactly(Level.WARN, Level.WARN, Level.INFO);
      String missed = LogCapture.text(events.get(0));
      assertThat(missed).contains("check 'hung' missed its deadline after", "isoprobe-check-")
          // The frame where it blocks, under the JDK frame it waits in.
          .containsPattern("\tat [^\n]*java\\.util\\.concurrent\\.CountDownLatch\\.await\\(CountDownLatch\\.java:\\d+\\)\n"
              + "\tat [^\n]*dev\\.isoprobe\\.EpisodeLogTest\\.blockUntilReleased\\(EpisodeLogTest\\.java:\\d+\\)\n");
      assertThat(events.get(1).getFormattedMessage()).startsWith("check 'hung' is stuck");
      assertThat(events.get(2).getFormattedMessage()).startsWith("check 'hung' returned up after")
          .containsPattern("\\d+ probe\\(s\\) were answered STUCK");
    }
  }

  @Test
  void checkThatMissesEveryDeadlineIsOneEpisodeUntilItAnswersInTime() throws Exception {
    AtomicBoolean slow = new AtomicBoolean(true);
    CountDownLatch never = new CountDownLatch(1);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(100)).deadlockCheck(false)
        .check(Check.builder("slow", ctx -> {
          if (slow.get()) {
            never.await(); // well-behaved: returns when interrupted at its deadline
          }
          return CheckResult.up();
        }).build())
        .build();
    try (LogCapture logs = LogCapture.start(); TestServer server = TestServer.start(probes)) {
      for (int i = 0; i < 10; i++) {
        assertThat(server.get("/readyz").statusCode()).isEqualTo(503);
        // The next execution starts once this one has returned; wait for it so each probe is a new miss.
        await().atMost(Duration.ofSeconds(2)).until(() -> !probes.engine().select(null, java.util.Set.of())
            .get(0).isStuck());
      }
      slow.set(false);
      await().atMost(Duration.ofSeconds(2)).until(() -> server.get("/readyz").statusCode() == 200);
      // The check thread writes the answer, then tells the listeners.
      await().atMost(Duration.ofSeconds(2)).until(() -> logs.events("dev.isoprobe.checks").size() == 3);

      List<ILoggingEvent> events = logs.events("dev.isoprobe.checks");
      assertThat(events).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
          missed -> assertThat(missed).startsWith("check 'slow' missed its deadline"),
          late -> assertThat(late).startsWith("check 'slow' returned error after"),
          back -> assertThat(back).matches("check 'slow' answers within its deadline again after 1\\d missed deadline\\(s\\)"));
    }
  }

  /**
   * Regression: a check that returns as soon as its token is cancelled (a reactive check whose
   * subscription is disposed) had left before the overrun was logged, and the line said it
   * never started.
   */
  @Test
  void aCheckEndedByItsCancelCallbackIsLoggedAsTheThreadItRanOn() throws Exception {
    AtomicBoolean slow = new AtomicBoolean(true);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(100)).deadlockCheck(false)
        .check(Check.builder("reactive", ctx -> {
          if (slow.get()) {
            CountDownLatch disposed = new CountDownLatch(1);
            ctx.token().onCancel(disposed::countDown);
            blockUntilReleased(disposed);
          }
          return CheckResult.up();
        }).build())
        .build();
    try (LogCapture logs = LogCapture.start(); TestServer server = TestServer.start(probes)) {
      for (int episode = 0; episode < 10; episode++) {
        slow.set(true);
        assertThat(server.get("/readyz").statusCode()).isEqualTo(503);
        slow.set(false);
        await().atMost(Duration.ofSeconds(2)).until(() -> server.get("/readyz").statusCode() == 200);
      }
      List<String> missed = logs.events("dev.isoprobe.checks").stream()
          .map(ILoggingEvent::getFormattedMessage)
          .filter(line -> line.startsWith("check 'reactive' missed its deadline")).toList();
      assertThat(missed).hasSize(10).allSatisfy(line -> assertThat(line)
          .contains("interrupted isoprobe-check-").doesNotContain("without starting"));
    }
  }

  @Test
  void rejectionsAreLoggedOncePerEpisode() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Probes probes = Probes.builder().deadline(Duration.ofMillis(200)).deadlockCheck(false)
        .executorThreads(1).queueCapacity(0)
        .check(Check.builder("hung", ctx -> blockUntilReleased(release)).build())
        .check(Check.builder("fast", ctx -> CheckResult.up()).build())
        .build();
    try (LogCapture logs = LogCapture.start(); TestServer server = TestServer.start(probes)) {
      assertThat(server.get("/readyz/hung").statusCode()).isEqualTo(503);
      assertThat(storm(server, "/readyz/fast")).hasSize(PROBES).containsOnly(503);
      release.countDown();
      await().atMost(Duration.ofSeconds(5)).until(() -> server.get("/readyz/fast").statusCode() == 200);
      await().atMost(Duration.ofSeconds(2)).until(() -> logs.events("dev.isoprobe.checks").stream()
          .anyMatch(event -> event.getFormattedMessage().startsWith("check 'fast' runs again")));

      assertThat(logs.events("dev.isoprobe.checks")).extracting(ILoggingEvent::getFormattedMessage)
          .filteredOn(line -> line.startsWith("check 'fast'")).satisfiesExactly(
              rejected -> assertThat(rejected).isEqualTo("check 'fast' not run: the 'check' probe lane "
                  + "is full (1 of 1 threads busy, 0 queued); probes get REJECTED until it has room"),
              // Probes that arrive together share one rejected execution: at most one count per probe.
              ranAgain -> assertThat(ranAgain).matches("check 'fast' runs again after \\d+ rejection\\(s\\)"));
    }
  }

  /** Sends {@link #PROBES} probes, {@link #CONCURRENCY} at a time, and returns their statuses. */
  private static List<Integer> storm(TestServer server, String path) {
    List<Integer> statuses = new ArrayList<>(PROBES);
    for (int sent = 0; sent < PROBES; sent += CONCURRENCY) {
      List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>(CONCURRENCY);
      for (int i = 0; i < CONCURRENCY; i++) {
        batch.add(server.getAsync(path));
      }
      batch.forEach(response -> statuses.add(response.join().statusCode()));
    }
    return statuses;
  }
}
