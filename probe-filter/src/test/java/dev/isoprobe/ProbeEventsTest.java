/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeEventsTest {

  @Test
  void aListenerThatThrowsKeepsTheEventFromNeitherTheOthersNorTheCaller() {
    List<String> told = new ArrayList<>();
    ProbeEvents throwing = new ProbeEvents() {
      @Override
      public void probeAnswered(String probe, int status) {
        throw new IllegalStateException("broken registry");
      }
    };
    ProbeEvents recording = new ProbeEvents() {
      @Override
      public void probeAnswered(String probe, int status) {
        told.add(probe + " " + status);
      }
    };
    ProbeEvents.of(List.of(throwing, recording)).probeAnswered("readyz", 503);
    assertThat(told).containsExactly("readyz 503");
  }

  @Test
  void noListenersIsNone() {
    assertThat(ProbeEvents.of(List.of())).isSameAs(ProbeEvents.NONE);
  }
}
