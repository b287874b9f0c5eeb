/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Second reader: the places a listener's lane keeps (RESERVED = 4: three state changes and one
 * catch-up) are checked ({@code freeSlots() <= reserved}) and then taken ({@code execute}) in two
 * steps. Events of different checks are told from different threads at once (each under its own
 * runner's lock), so two of them can both see 5 free places and both take one: the catch-up's
 * place is gone, {@code catchUpLater} finds only 3 free and queues none, and a change dropped for
 * a listener that fell behind is never told to it: it keeps the status it had.
 *
 * <p>Each cycle: a new listener is held in its first event (its catch-up), four threads tell
 * 1,600 events at once (late returns of four checks, which a lane may drop), then check "a"
 * turns, its change dropped, and the listener is let go. It must end on "a"'s status: told by
 * the catch-up that follows dropped events. The failure's message says whether one was queued
 * (read by reflection, for the diagnosis only).
 */
class ListenerReserveRaceSecondReaderTest {

  private static final int CYCLES = 40;
  private static final int FLOODERS = 4;
  private static final int EVENTS_EACH = 400; // 1,600 a cycle: more than the 1,029 a lane holds

  @Test
  void aListenerThatFellBehindWhileEventsCameFromSeveralThreadsHearsTheLastStatus()
      throws Exception {
    AtomicBoolean up = new AtomicBoolean(true);
    Probes probes = Probes.builder().deadline(Duration.ofSeconds(5)).deadlockCheck(false)
        .check(Check.builder("a", ctx -> up.get() ? CheckResult.up() : CheckResult.down())
            .failureThreshold(1).successThreshold(1).build())
        .build();
    ListenerEvents events = listenerEvents(probes);
    List<String> noCatchUpQueued = new ArrayList<>();
    try {
      assertThat(probes.probe("a").orElseThrow().get(5, TimeUnit.SECONDS)).isTrue();
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Boolean> heard = new CopyOnWriteArrayList<>();
        HealthListener slow = new HealthListener() {
          @Override
          public void checkChanged(StatusChange change) {
            heard.add(change.up());
            held.countDown();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
            }
          }
        };
        probes.addListener(slow);
        assertThat(held.await(10, TimeUnit.SECONDS)).as("catch-up told").isTrue();
        flood(events);
        int freeAfterFlood = freeSlots(events, slow);
        boolean catchUpQueued = catchingUp(events, slow);
        if (!catchUpQueued) {
          noCatchUpQueued.add("cycle " + cycle + ": " + freeAfterFlood + " free");
        }
        boolean target = !up.get();
        up.set(target);
        assertThat(probes.probe("a").orElseThrow().get(5, TimeUnit.SECONDS)).isEqualTo(target);
        release.countDown();
        int at = cycle;
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(heard.get(heard.size() - 1))
            .as("cycle %d: the listener's last status of 'a' (heard %s); %d place(s) free after "
                + "the flood, %d kept, catch-up queued: %s; cycles with none queued: %s", at, heard,
                freeAfterFlood, ListenerEvents.RESERVED, catchUpQueued, noCatchUpQueued)
            .isEqualTo(target));
        probes.removeListener(slow);
      }
      assertThat(noCatchUpQueued).as("cycles where events were dropped and no catch-up was queued").isEmpty();
    } finally {
      probes.shutdown(Duration.ofSeconds(5));
    }
  }

  /** Tells events of several checks at once, as their runners do, more than the lane holds. */
  private static void flood(ListenerEvents events) throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> flooders = new ArrayList<>();
    for (int f = 0; f < FLOODERS; f++) {
      CheckReport late = new CheckReport("late-" + f, Outcome.UP, Duration.ofMillis(1), Map.of());
      Thread flooder = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException interrupted) {
          return;
        }
        for (int i = 0; i < EVENTS_EACH; i++) {
          events.checkReturnedLate(late);
        }
      }, "second-reader-flooder-" + f);
      flooders.add(flooder);
      flooder.start();
    }
    start.countDown();
    for (Thread flooder : flooders) {
      flooder.join(10_000);
      assertThat(flooder.isAlive()).isFalse();
    }
  }

  private static ListenerEvents listenerEvents(Probes probes) throws ReflectiveOperationException {
    Field field = Probes.class.getDeclaredField("listenerEvents");
    field.setAccessible(true);
    return (ListenerEvents) field.get(probes);
  }

  /** Whether a catch-up waits in {@code listener}'s lane, read from the outside for the message. */
  private static boolean catchingUp(ListenerEvents events, HealthListener listener)
      throws ReflectiveOperationException {
    Object hearing = hearing(events, listener);
    Field field = hearing.getClass().getDeclaredField("catchingUp");
    field.setAccessible(true);
    return ((AtomicBoolean) field.get(hearing)).get();
  }

  private static Object hearing(ListenerEvents events, HealthListener listener)
      throws ReflectiveOperationException {
    Field hearingsField = ListenerEvents.class.getDeclaredField("hearings");
    hearingsField.setAccessible(true);
    for (Object hearing : (List<?>) hearingsField.get(events)) {
      Field listenerField = hearing.getClass().getDeclaredField("listener");
      listenerField.setAccessible(true);
      if (listenerField.get(hearing) == listener) {
        return hearing;
      }
    }
    throw new AssertionError("listener not listed");
  }

  /** The free places of {@code listener}'s lane, read from the outside for the failure's message. */
  private static int freeSlots(ListenerEvents events, HealthListener listener)
      throws ReflectiveOperationException {
    Object hearing = hearing(events, listener);
    Field laneField = hearing.getClass().getDeclaredField("lane");
    laneField.setAccessible(true);
    return ((Lane) laneField.get(hearing)).freeSlots();
  }
}
