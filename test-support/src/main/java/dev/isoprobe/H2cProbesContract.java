/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.H2cClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the kubelet's {@code protocol: HTTP2} probes see: the probes over HTTP/2 cleartext with
 * prior knowledge, on one connection whose streams are multiplexed. A container's test extends
 * this and starts that container with h2c and isoprobe's filter; the scenarios are the same for
 * every container.
 */
public abstract class H2cProbesContract {

  /** Short, so that the answers by the deadline come quickly. */
  protected static final Duration DEADLINE = Duration.ofMillis(300);
  /** Generous: on a loaded two-core machine an answer may come late, never this late. */
  private static final Duration BOUND = DEADLINE.plusSeconds(5);
  /**
   * How long a check may run of the deadline when no storm lengthens the reserve for writing
   * answers: a hung check is reported at its end, a little before the deadline.
   */
  private static final Duration CHECK_SHARE =
      DEADLINE.minus(DEADLINE.dividedBy(AnswerReserve.LEAST_DIVISOR));
  /** The answer with the check's timeout, or the watchdog's when the answer is held up. */
  private static final String TIMED_OUT =
      "\\[-\\]db failed: timeout after \\d+ms\nreadyz check failed|timeout";
  private static final String TIMED_OUT_OR_STUCK =
      "\\[-\\]db failed: (timeout after|stuck for) \\d+ms\nreadyz check failed|timeout";
  private static final int STREAMS = 50;

  private final TestChecks.Blocking hung = new TestChecks.Blocking();
  private final TestChecks.Uninterruptible stuck = new TestChecks.Uninterruptible();
  private Probes probes;
  private H2cClient connected;

  /**
   * Starts the container on an ephemeral loopback port, serving HTTP/1.1 and h2c with prior
   * knowledge, with {@code probes}' filter mapped at {@code /*}, async-supported.
   *
   * @return the port
   */
  protected abstract int start(Probes probes) throws Exception;

  /** Stops the container, if started. */
  protected abstract void stop() throws Exception;

  @AfterEach
  void tearDown() throws Exception {
    hung.release.countDown();
    stuck.release.countDown();
    try {
      if (connected != null) {
        connected.close();
      }
      stop();
    } finally {
      if (probes != null) {
        probes.close();
      }
    }
  }

  @Test
  void readinessAndLivenessAnswer200OverH2c() throws Exception {
    H2cClient h2c = serve(probesWith(ctx -> CheckResult.up(), DEADLINE));

    assertAnswer(h2c.answer("/readyz"), 200, "ok");
    assertAnswer(h2c.answer("/livez"), 200, "ok");
  }

  @Test
  void aHungCheckIsAnswered503ByTheDeadlineWhileLivenessAnswers200OnTheSameConnection()
      throws Exception {
    H2cClient h2c = serve(probesWith(hung, DEADLINE));

    CompletableFuture<Answer> readiness = h2c.get("/readyz");
    CompletableFuture<Answer> liveness = h2c.get("/livez");

    Answer timedOut = readiness.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(timedOut.version()).isEqualTo(HttpVersion.HTTP_2);
    assertThat(timedOut.status()).isEqualTo(503);
    assertThat(timedOut.body()).matches(TIMED_OUT);
    assertThat(timedOut.took()).isGreaterThanOrEqualTo(CHECK_SHARE).isLessThan(BOUND);
    Answer alive = liveness.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    assertAnswer(alive, 200, "ok");
    assertThat(alive.took()).isLessThan(BOUND);
  }

  @Test
  void livenessIsAnsweredWhileAReadinessStreamOnTheSameConnectionIsHeldOpen() throws Exception {
    // A long deadline, so that nothing but the check's release can answer the readiness stream.
    H2cClient h2c = serve(probesWith(hung, Duration.ofSeconds(30)));

    CompletableFuture<Answer> readiness = h2c.get("/readyz");
    assertThat(hung.started.await(10, TimeUnit.SECONDS)).isTrue();

    assertAnswer(h2c.answer("/livez"), 200, "ok");
    assertThat(readiness).isNotDone();

    hung.release.countDown();
    assertAnswer(readiness.get(10, TimeUnit.SECONDS), 200, "ok");
  }

  @Test
  void drainingReadinessAnswers503WhileLivenessAnswers200() throws Exception {
    H2cClient h2c = serve(probesWith(ctx -> CheckResult.up(), DEADLINE));
    assertAnswer(h2c.answer("/readyz"), 200, "ok");

    probes.startDraining();

    assertAnswer(h2c.answer("/readyz"), 503, "draining");
    assertAnswer(h2c.answer("/livez"), 200, "ok");
  }

  /**
   * Regression: refusals while draining or stopping carried {@code Connection: close}, which
   * Tomcat passed on into HTTP/2 headers, and which an HTTP/2 client rejects as malformed
   * (RFC 9113 8.2.2): the probe got a reset stream instead of its 503.
   */
  @Test
  void refusalsWhileStoppingAreWellFormedHttp2Answers() throws Exception {
    H2cClient h2c = serve(probesWith(ctx -> CheckResult.up(), DEADLINE));
    assertAnswer(h2c.answer("/readyz"), 200, "ok");

    probes.close();

    assertAnswer(h2c.answer("/readyz"), 503, "shutting down");
    assertAnswer(h2c.answer("/livez"), 503, "shutting down");
  }

  @Test
  void manyStreamsOnOneConnectionToAHungCheckAreAllAnswered503ByTheDeadlineWithOneExecution()
      throws Exception {
    // Ignores its interrupt: once past the deadline it is stuck, and no stream may start another.
    H2cClient h2c = serve(probesWith(stuck, DEADLINE));

    List<CompletableFuture<Answer>> streams = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      streams.add(h2c.get("/readyz"));
    }

    for (CompletableFuture<Answer> stream : streams) {
      Answer answer = stream.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
      // Joined the execution and timed out with it, or came once it was stuck.
      assertThat(answer.body()).matches(TIMED_OUT_OR_STUCK);
      assertThat(answer.took()).isLessThan(BOUND);
    }
    assertThat(stuck.executions).hasValue(1);
  }

  /** Probes with {@code db} in readiness, no warm-up: the first probe is the first execution. */
  protected static Probes probesWith(HealthCheck db, Duration deadline) {
    return Probes.builder()
        .deadline(deadline)
        .warmUp(Duration.ZERO)
        .check(Check.builder("db", db).groups(Group.READINESS).build())
        .build();
  }

  /** Starts the container with {@code served}, closed after the test, and connects over h2c. */
  protected final H2cClient serve(Probes served) throws Exception {
    probes = served;
    connected = H2cClient.connect(start(served));
    return connected;
  }

  /** Asserts the answer came over HTTP/2 with {@code status} and {@code body}. */
  protected static void assertAnswer(Answer answer, int status, String body) {
    assertThat(answer.version()).as("protocol").isEqualTo(HttpVersion.HTTP_2);
    assertThat(answer.status()).as("status").isEqualTo(status);
    assertThat(answer.body()).as("body").isEqualTo(body);
  }
}
