/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Second reader: the deadline timer settles a probe's report after ProbeFilter saw it not done
 * and before it registered its callback (here: while the container starts async). The callback
 * then runs on the request thread, which has the report, and writes the answer there: the
 * hand-off is the settling thread's alone. A draft that carried the hand-off with the report
 * queued it in the answer lane, behind the deadline's batch.
 */
class FilterWindowSecondReaderTest {

  private static final Duration DEADLINE = Duration.ofMillis(400);
  private final FakeTime time = new FakeTime();
  private final TestChecks.Uninterruptible db = new TestChecks.Uninterruptible();
  private final CountDownLatch holdLane = new CountDownLatch(1);
  private final Probes probes = Probes.builder().clock(time).deadline(DEADLINE)
      .deadlockCheck(false).warmUp(Duration.ZERO).check(Check.builder("db", db).build()).build();

  @AfterEach
  void stop() throws InterruptedException {
    holdLane.countDown();
    db.release.countDown();
    probes.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void aProbeWhoseReportSettledWhileItWentAsyncIsAnsweredOnItsThread() throws Exception {
    ProbeEngine engine = probes.engine();
    CountDownLatch held = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) { // their answers, handed off by the deadline, hold the lane
      long arrival = time.nanoTime();
      engine.run("readyz", engine.select(null, Set.of())).whenComplete((settled, failure) ->
          engine.write(arrival, settled, () -> {
            held.countDown();
            try {
              holdLane.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
              Thread.currentThread().interrupt();
            }
          }));
    }
    assertThat(db.started.await(5, TimeUnit.SECONDS)).isTrue();

    ModelHttp http = new ModelHttp("/readyz", time.nanoTime(), false);
    HttpServletRequest model = http.request();
    HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {HttpServletRequest.class},
        (proxy, method, args) -> {
          if (method.getName().equals("startAsync")) {
            // The deadline fires on its own thread while the container goes async.
            Thread timer = new Thread(() -> time.advance(DEADLINE.toNanos()), "fake-timer");
            timer.start();
            timer.join();
            assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
          }
          try {
            return method.invoke(model, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    Filter filter = probes.filter();
    filter.doFilter(request, http.response(), (req, res) -> { });

    assertThat(http.isAnswered())
        .as("answered on the request thread, which had the settled report").isTrue();
  }
}
