/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link HealthListener} hears, with probes on real Jetty and every time on a fake clock:
 * each change of a check and of its groups, timeouts, stuck checks and late returns, in order,
 * on isoprobe's listener thread; and that a listener that throws or blocks costs no probe
 * anything.
 */
class HealthListenerTest {

  private static final long SECOND = 1_000_000_000L;
  private static final Duration DEADLINE = Duration.ofMillis(500);
  private static final long CUT_NANOS = DEADLINE.toNanos() - DEADLINE.toNanos() / 32;
  private static final Instant T0 = FakeTime.START;

  private final FakeTime time = new FakeTime();
  private TestServer server;
  private Probes probes;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theDocsSayHowManyEventsWaitForASlowListener() throws Exception {
    String count = String.format(Locale.ROOT, "%,d", ListenerEvents.PENDING_EVENTS);

    assertThat(words("src/main/java/dev/isoprobe/HealthListener.java"))
        .contains("up to " + count + ",");
    assertThat(words("../docs/configuration.md")).contains("up to " + count + " events");
    assertThat(words("../docs/troubleshooting.md")).contains("and " + count + " events wait");
  }

  /** Returns a file's text with its line breaks and indents as single spaces, as it reads. */
  private static String words(String file) throws Exception {
    return Files.readString(Path.of(file)).replaceAll("\\s*\\n\\s*(?:\\*\\s*)?", " ");
  }

  /** Writes down each event as a line, with the thread it was told on. */
  static final class Recording implements HealthListener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void checkChanged(StatusChange change) {
      record("check " + change);
    }

    @Override
    public void groupChanged(StatusChange change) {
      record("group " + change);
    }

    @Override
    public void timedOut(String check, Duration ranFor) {
      record("timedOut " + check + " " + ranFor.toMillis());
    }

    @Override
    public void stuck(String check, Duration ranFor) {
      record("stuck " + check + " " + ranFor.toMillis());
    }

    @Override
    public void returnedLate(String check, Duration ranFor) {
      record("returnedLate " + check);
    }

    @Override
    public void stateChanged(Probes.State state) {
      record("state " + state);
    }

    private void record(String event) {
      events.add(Thread.currentThread().getName().replaceFirst("\\d+$", "<n>") + ": " + event);
    }

    String next() throws InterruptedException {
      String event = events.poll(5, TimeUnit.SECONDS);
      assertThat(event).as("an event within 5 s").isNotNull();
      return event;
    }
  }

  private void start(HealthListener listener, Check... checks) throws Exception {
    Probes.Builder builder = Probes.builder().deadline(DEADLINE).deadlockCheck(false).clock(time)
        .warmUp(Duration.ZERO); // the first probe runs the check: the events start there
    for (Check check : checks) {
      builder.check(check);
    }
    probes = builder.build();
    probes.addListener(listener);
    server = TestServer.start(probes);
  }

  private static List<String> lines(LogCapture log) {
    return log.events(ListenerEvents.LOGGER).stream().map(LogCapture::text).toList();
  }

  private static String change(String kind, String name, boolean up, Instant at, String cause) {
    return "isoprobe-listener-<n>: " + kind + " " + new StatusChange(name, up, at, cause);
  }

  @Test
  void eachChangeOfACheckAndOfItsGroupIsToldInOrderOnTheListenerThread() throws Exception {
    Recording listener = new Recording();
    AtomicBoolean dbUp = new AtomicBoolean(true);
    start(listener,
        Check.builder("db", ctx -> dbUp.get() ? CheckResult.up() : CheckResult.down())
            .failureThreshold(2).build(),
        Check.builder("cache", ctx -> CheckResult.up()).build());

    server.get("/readyz");
    // The two checks run at once, on two threads: either may be counted first.
    List<String> checks = List.of(listener.next(), listener.next());
    assertThat(checks).containsExactlyInAnyOrder(
        change("check", "db", true, T0, "up"), change("check", "cache", true, T0, "up"));
    // Known once each of its checks has a status: the second one gives it.
    String second = checks.get(1).contains("name=db,") ? "db" : "cache";
    assertThat(listener.next()).isEqualTo(change("group", "readiness", true, T0, second));

    dbUp.set(false);
    time.advance(SECOND);
    server.get("/readyz"); // 1 of 2 failures: no change
    time.advance(SECOND);
    server.get("/readyz");
    assertThat(listener.next()).isEqualTo(change("check", "db", false, T0.plusSeconds(2), "down"));
    assertThat(listener.next()).isEqualTo(change("group", "readiness", false, T0.plusSeconds(2), "db"));

    dbUp.set(true);
    time.advance(SECOND);
    server.get("/readyz");
    assertThat(listener.next()).isEqualTo(change("check", "db", true, T0.plusSeconds(3), "up"));
    assertThat(listener.next()).isEqualTo(change("group", "readiness", true, T0.plusSeconds(3), "db"));

    server.probes.startDraining();
    assertThat(listener.next()).isEqualTo("isoprobe-listener-<n>: state DRAINING");
    server.probes.shutdown(Duration.ofSeconds(1));
    assertThat(listener.next()).as("told before the listener thread stops")
        .isEqualTo("isoprobe-listener-<n>: state STOPPING");
    assertThat(listener.events).isEmpty();
  }

  @Test
  void aCheckThatHangsIsToldTimedOutStuckOnceAndReturnedLate() throws Exception {
    Recording listener = new Recording();
    TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
    start(listener, Check.builder("db", db).build());
    try {
      var first = server.getAsync("/readyz");
      assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();
      // In flight once its execution's deadline is armed: the clock may move only then.
      await().atMost(Duration.ofSeconds(5)).until(() -> probes.inFlight().size() == 1);
      time.advance(CUT_NANOS);
      assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
      // The probes' answer first, with the status it sets; then the overrun.
      assertThat(listener.next()).isEqualTo(change("check", "db", false,
          T0.plusNanos(CUT_NANOS), "timeout"));
      assertThat(listener.next()).isEqualTo(change("group", "readiness", false,
          T0.plusNanos(CUT_NANOS), "db"));
      assertThat(listener.next()).isEqualTo("isoprobe-listener-<n>: timedOut db 484");

      time.advance(SECOND);
      for (int probe = 0; probe < 5; probe++) {
        assertThat(server.get("/readyz").body()).startsWith("[-]db failed: stuck for ");
      }
      assertThat(listener.next()).isEqualTo("isoprobe-listener-<n>: stuck db 1484");
    } finally {
      db.release.countDown();
    }
    assertThat(listener.next()).isEqualTo("isoprobe-listener-<n>: returnedLate db");
    assertThat(listener.events).isEmpty();
  }

  /**
   * Each listener has a thread of its own: one that blocks fills its own queue only, and the
   * others (gRPC health's watchers among them) hear every change and the drain meanwhile.
   */
  @Test
  void aListenerThatThrowsOrBlocksCostsProbesAndTheOtherListenersNothing() throws Exception {
    CountDownLatch unblock = new CountDownLatch(1);
    AtomicReference<Thread> blocked = new AtomicReference<>();
    Recording after = new Recording();
    HealthListener throwing = new HealthListener() {
      @Override
      public void checkChanged(StatusChange change) {
        throw new IllegalStateException("listener password=hunter2 broke");
      }
    };
    HealthListener blocking = new HealthListener() {
      @Override
      public void groupChanged(StatusChange change) {
        blocked.set(Thread.currentThread());
        TestChecks.awaitIgnoringInterrupts(unblock);
      }
    };
    AtomicBoolean up = new AtomicBoolean(true);
    Probes probes = Probes.builder().deadline(DEADLINE).deadlockCheck(false).clock(time).warmUp(Duration.ZERO)
        .check(Check.builder("db", ctx -> up.getAndSet(!up.get()) ? CheckResult.up()
            : CheckResult.down()).build()).build();
    probes.addListener(throwing);
    probes.addListener(blocking);
    probes.addListener(after);
    server = TestServer.start(probes);
    int turns = 2 * ListenerEvents.PENDING_EVENTS;
    try (LogCapture log = LogCapture.start()) {
      // Every probe turns the check, and the group: the blocked listener's events pile up.
      for (int probe = 0; probe < turns; probe++) {
        long start = System.nanoTime();
        int status = server.get("/readyz").statusCode();
        assertThat(status).isEqualTo(probe % 2 == 0 ? 200 : 503);
        assertThat(System.nanoTime() - start).as("probe %d took", probe)
            .isLessThan(TimeUnit.SECONDS.toNanos(2));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> lines(log).stream()
          .anyMatch(line -> line.contains("event(s) for health listeners dropped so far: "
              + ListenerEvents.PENDING_EVENTS + " already wait")));
      assertThat(lines(log)).filteredOn(line -> line.contains("threw")).singleElement()
          .asString().contains("IllegalStateException").doesNotContain("hunter2");
      for (int turn = 0; turn < turns; turn++) {
        boolean isUp = turn % 2 == 0;
        assertThat(after.next()).as("turn %d", turn)
            .isEqualTo(change("check", "db", isUp, T0, isUp ? "up" : "down"));
        assertThat(after.next()).as("turn %d", turn)
            .isEqualTo(change("group", "readiness", isUp, T0, "db"));
      }
      probes.startDraining();
      assertThat(after.next()).isEqualTo("isoprobe-listener-<n>: state DRAINING");
      assertThat(blocked.get().getState()).as("the blocking listener, all the while")
          .isEqualTo(Thread.State.WAITING);
    } finally {
      unblock.countDown();
    }
  }

  /**
   * A listener added after the first outcomes (the warm-up's, told before anyone listened) first
   * hears the status each check and group has, then each change; one removed hears nothing more.
   */
  @Test
  void aListenerAddedLateHearsTheStatusesFirstAndOneRemovedHearsNothingMore() throws Exception {
    AtomicBoolean dbUp = new AtomicBoolean(true);
    Probes probes = Probes.builder().deadline(DEADLINE).deadlockCheck(false).clock(time)
        .check(Check.builder("db", ctx -> dbUp.get() ? CheckResult.up() : CheckResult.down()).build())
        .build();
    server = TestServer.start(probes);
    await().atMost(Duration.ofSeconds(5)).until(() -> probes.state() == Probes.State.RUNNING);
    Recording late = new Recording();
    Recording removed = new Recording();
    probes.addListener(late);
    probes.addListener(removed);
    assertThat(late.next()).isEqualTo(change("check", "db", true, T0, "up"));
    assertThat(late.next()).isEqualTo(change("group", "readiness", true, T0, "db"));
    assertThat(removed.next()).isEqualTo(change("check", "db", true, T0, "up"));
    assertThat(removed.next()).isEqualTo(change("group", "readiness", true, T0, "db"));

    probes.removeListener(removed);
    dbUp.set(false);
    time.advance(SECOND);
    assertThat(server.get("/readyz").statusCode()).isEqualTo(503);
    assertThat(late.next()).isEqualTo(change("check", "db", false, T0.plusSeconds(1), "down"));
    assertThat(late.next()).isEqualTo(change("group", "readiness", false, T0.plusSeconds(1), "db"));
    assertThat(late.events).isEmpty();
    assertThat(removed.events).as("told after it was removed").isEmpty();
  }
}
