/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.isoprobe.CheckResult;
import dev.isoprobe.ProbesConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DbCheckTest {

  private static final long CYCLE_MILLIS = 1_000;
  private static final long CYCLE_NANOS = TimeUnit.MILLISECONDS.toNanos(CYCLE_MILLIS);

  private final AtomicLong now = new AtomicLong();

  @Test
  void cycleIsHealthyThenBlockedThenSpinningRoundAndRound() {
    DbCheck db = cycling();
    assertThat(db.hanging()).isFalse();
    now.set(CYCLE_NANOS);
    assertThat(db.hanging()).isTrue();
    now.set(2 * CYCLE_NANOS);
    assertThat(db.hanging()).isTrue();
    now.set(3 * CYCLE_NANOS);
    assertThat(db.hanging()).isFalse();
  }

  @Test
  void cycleAnswersUpAtOnceInTheHealthyPhase() throws Exception {
    assertThat(cycling().check(null).healthy()).isTrue();
  }

  @Test
  void cycleBlockedPhaseEndsOnInterrupt() throws Exception {
    DbCheck db = cycling();
    now.set(CYCLE_NANOS); // a whole phase of blocking ahead
    CompletableFuture<Thread> runner = new CompletableFuture<>();
    CompletableFuture<Object> result = CompletableFuture.supplyAsync(() -> {
      runner.complete(Thread.currentThread());
      try {
        return db.check(null);
      } catch (InterruptedException interrupted) {
        return interrupted;
      }
    });
    Thread thread = runner.get(5, TimeUnit.SECONDS);
    await().atMost(Duration.ofSeconds(5)).until(() -> thread.getState() == Thread.State.TIMED_WAITING);
    thread.interrupt();
    assertThat(result.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
  }

  @Test
  void cycleSpinningPhaseIgnoresInterruptsAndEndsWithThePhase() throws Exception {
    DbCheck db = cycling();
    now.set(2 * CYCLE_NANOS);
    CompletableFuture<Thread> runner = new CompletableFuture<>();
    CompletableFuture<CheckResult> result = CompletableFuture.supplyAsync(() -> {
      runner.complete(Thread.currentThread());
      try {
        return db.check(null);
      } catch (InterruptedException interrupted) {
        throw new AssertionError("a spinning check must not see the interrupt", interrupted);
      }
    });
    runner.get(5, TimeUnit.SECONDS).interrupt();
    assertThat(result).isNotDone();

    now.set(3 * CYCLE_NANOS); // the phase ends
    assertThat(result.get(5, TimeUnit.SECONDS).healthy()).isTrue();
  }

  @Test
  void spinModeSpinsUntilHealedIgnoringInterrupts() throws Exception {
    DbCheck db = new DbCheck(0, true, DbCheck.Mode.SPIN, CYCLE_MILLIS, now::get);
    CompletableFuture<Thread> runner = new CompletableFuture<>();
    CompletableFuture<CheckResult> result = CompletableFuture.supplyAsync(() -> {
      runner.complete(Thread.currentThread());
      try {
        return db.check(null);
      } catch (InterruptedException interrupted) {
        throw new AssertionError("a spinning check must not see the interrupt", interrupted);
      }
    });
    runner.get(5, TimeUnit.SECONDS).interrupt();
    assertThat(result).isNotDone();

    db.heal();
    assertThat(result.get(5, TimeUnit.SECONDS).healthy()).isTrue();
  }

  @Test
  void settingsReadTheModeAndRejectAnUnknownOne() {
    Settings settings = Settings.from(Map.of("EXAMPLE_CHECK_MODE", "Cycle", "EXAMPLE_CYCLE_MS", "500"),
        new Properties(), ProbesConfig.from(Map.of()));
    assertThat(settings.mode()).isEqualTo(DbCheck.Mode.CYCLE);
    assertThat(settings.cycleMillis()).isEqualTo(500);
    assertThat(Settings.from(Map.of(), new Properties(), ProbesConfig.from(Map.of())).mode())
        .isEqualTo(DbCheck.Mode.BLOCK);
    assertThatThrownBy(() -> Settings.from(Map.of("EXAMPLE_CHECK_MODE", "wobble"), new Properties(),
        ProbesConfig.from(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EXAMPLE_CHECK_MODE: 'wobble' (expected: block, spin or cycle)");
  }

  private DbCheck cycling() {
    return new DbCheck(0, false, DbCheck.Mode.CYCLE, CYCLE_MILLIS, now::get);
  }
}
