/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every transition of a check's standing under thresholds 3 and 2, at exact times. */
class StandingTest {

  private static final Standing.Thresholds THREE_TWO = new Standing.Thresholds(3, 2);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Instant at(int second) {
    return T0.plusSeconds(second);
  }

  @Test
  void theFirstOutcomeSetsTheStatusOutrightEitherWay() {
    Standing up = Standing.first(Outcome.UP, at(0), THREE_TWO);
    assertThat(up).isEqualTo(new Standing(true, 0, 3, at(0), at(0), at(0)));

    Standing down = Standing.first(Outcome.TIMEOUT, at(0), THREE_TWO);
    assertThat(down).isEqualTo(new Standing(false, 0, 2, at(0), null, at(0)));
  }

  @Test
  void threeFailuresInARowTurnItDownAndTwoSuccessesInARowTurnItUp() {
    Standing s = Standing.first(Outcome.UP, at(0), THREE_TWO);
    s = s.next(Outcome.DOWN, at(1), THREE_TWO);
    assertThat(s).isEqualTo(new Standing(true, 1, 3, at(0), at(0), at(1)));
    s = s.next(Outcome.ERROR, at(2), THREE_TWO);
    assertThat(s).isEqualTo(new Standing(true, 2, 3, at(0), at(0), at(2)));
    Standing turned = s.next(Outcome.TIMEOUT, at(3), THREE_TWO);
    assertThat(turned).isEqualTo(new Standing(false, 0, 2, at(3), at(0), at(3)));
    assertThat(s.turnedIn(turned)).isTrue();

    s = turned.next(Outcome.UP, at(4), THREE_TWO);
    assertThat(s).isEqualTo(new Standing(false, 1, 2, at(3), at(4), at(4)));
    Standing back = s.next(Outcome.UP, at(5), THREE_TWO);
    assertThat(back).isEqualTo(new Standing(true, 0, 3, at(5), at(5), at(5)));
    assertThat(s.turnedIn(back)).isTrue();
  }

  @Test
  void anOutcomeForTheStatusStartsTheCountAfresh() {
    Standing s = Standing.first(Outcome.UP, at(0), THREE_TWO)
        .next(Outcome.DOWN, at(1), THREE_TWO)
        .next(Outcome.DOWN, at(2), THREE_TWO)
        .next(Outcome.UP, at(3), THREE_TWO);
    assertThat(s).isEqualTo(new Standing(true, 0, 3, at(0), at(3), at(3)));

    // Alternating for ever: never turns.
    for (int second = 4; second < 40; second++) {
      Standing next = s.next(second % 2 == 0 ? Outcome.DOWN : Outcome.UP, at(second), THREE_TWO);
      assertThat(s.turnedIn(next)).as("at %ds", second).isFalse();
      s = next;
    }
    assertThat(s.since()).isEqualTo(at(0));
  }

  @Test
  void aStuckCheckTurnsDownAtOnceWhateverTheThreshold() {
    Standing s = Standing.first(Outcome.UP, at(0), THREE_TWO).next(Outcome.TIMEOUT, at(1), THREE_TWO);
    assertThat(s.up()).isTrue();
    s = s.next(Outcome.STUCK, at(2), THREE_TWO);
    assertThat(s).isEqualTo(new Standing(false, 0, 2, at(2), at(0), at(2)));
  }

  @Test
  void thresholdsOfOneTurnOnEveryChangeAsBeforeThresholdsExisted() {
    Standing s = Standing.first(Outcome.UP, at(0), Standing.Thresholds.NONE);
    s = s.next(Outcome.DOWN, at(1), Standing.Thresholds.NONE);
    assertThat(s).isEqualTo(new Standing(false, 0, 1, at(1), at(0), at(1)));
    s = s.next(Outcome.UP, at(2), Standing.Thresholds.NONE);
    assertThat(s).isEqualTo(new Standing(true, 0, 1, at(2), at(2), at(2)));
  }
}
