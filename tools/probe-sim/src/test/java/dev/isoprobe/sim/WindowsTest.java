/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pure-mode windows, against values computed by hand from the kubelet's ticker semantics. */
class WindowsTest {

  private static final Duration DEADLINE = Duration.ofMillis(800);

  @Test
  void kubernetesDefaultsWithAnAppThatNeverAnswers() {
    ProbeSettings defaults = ProbeSettings.kubernetesDefaults("/readyz");

    // failures at 1, 11, 21 s after the first failing tick; that tick is 0 to 10 s after the hang
    assertThat(Windows.unready(defaults, null)).isEqualTo(new Windows.Window(21_000, 31_000));
    assertThat(Windows.restart(defaults, null)).isEqualTo(new Windows.Window(21_000, 31_000));
    // one success is enough; the first attempt after the heal comes 0 to 10 s after it
    assertThat(Windows.readyAgain(defaults, null)).isEqualTo(new Windows.Window(0, 10_000));
  }

  @Test
  void kubernetesDefaultsWithIsoprobeAnswering503AtTheDeadline() {
    ProbeSettings defaults = ProbeSettings.kubernetesDefaults("/readyz");

    assertThat(Windows.unready(defaults, DEADLINE)).isEqualTo(new Windows.Window(20_800, 30_800));
  }

  @Test
  void designScenarioKubeletAndLoadBalancerTogether() {
    // DESIGN.md: liveness and readiness every 2 s, timeout 1 s, failure threshold 3;
    // 24 load-balancer callers every 1 s with a 1 s timeout (unhealthy threshold 3).
    ProbeSettings kubelet = new ProbeSettings(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(1), 3, 1, "/readyz");
    LbSettings lb = new LbSettings(24, Duration.ofSeconds(1), Duration.ofSeconds(1), 3, 2, "/readyz");

    // 0.8 s per failure, ticks 2 s apart: 2 + 2 + 0.8 after the first failing tick
    assertThat(Windows.unready(kubelet, DEADLINE)).isEqualTo(new Windows.Window(4_800, 6_800));
    assertThat(Windows.restart(kubelet, DEADLINE)).isEqualTo(new Windows.Window(4_800, 6_800));
    assertThat(Windows.eject(lb, DEADLINE)).isEqualTo(new Windows.Window(2_800, 3_800));
    // healthy 2: the second success comes one interval after the first
    assertThat(Windows.readmit(lb, DEADLINE)).isEqualTo(new Windows.Window(1_000, 2_000));
    // without isoprobe the kubelet's and the LB's own 1 s timeouts decide
    assertThat(Windows.unready(kubelet, null)).isEqualTo(new Windows.Window(5_000, 7_000));
    assertThat(Windows.eject(lb, null)).isEqualTo(new Windows.Window(3_000, 4_000));
  }

  @Test
  void attemptsLongerThanThePeriodRunBackToBack() {
    // period 1 s, timeout 3 s: the tick during each attempt starts the next one at its end
    assertThat(Windows.toFail(1_000, 3_000, 3)).isEqualTo(new Windows.Window(9_000, 10_000));
    assertThat(Windows.toRecover(1_000, 3_000, 1)).isEqualTo(new Windows.Window(0, 3_000));
    assertThat(Windows.toRecover(1_000, 3_000, 2)).isEqualTo(new Windows.Window(1_000, 4_000));
  }

  @Test
  void theCallersTimeoutDecidesWhenTheDeadlineIsNotBelowIt() {
    assertThat(Windows.failureLatency(Duration.ofSeconds(1), DEADLINE)).isEqualTo(800);
    assertThat(Windows.failureLatency(Duration.ofMillis(500), DEADLINE)).isEqualTo(500);
    assertThat(Windows.failureLatency(Duration.ofSeconds(1), null)).isEqualTo(1_000);
    assertThat(PureReport.timeoutAboveDeadline(Duration.ofSeconds(1), DEADLINE)).isTrue();
    assertThat(PureReport.timeoutAboveDeadline(DEADLINE, DEADLINE)).isFalse();
  }

  @Test
  void pureModePrintsTheDesignScenarioWindowsRatesAndDeadlineCheck() {
    String out = pure("--readiness", "period=2,timeout=1,failure=3,success=1,initialDelay=0",
        "--liveness", "period=2,timeout=1,failure=3", "--lb", "callers=24,interval=1,timeout=1,unhealthy=3",
        "--deadline", "800ms");

    assertThat(out)
        .containsPattern("pod marked unready +4\\.8 s \\.\\. 6\\.8 s")
        .containsPattern("restart, if liveness depends on the hung dependency +4\\.8 s \\.\\. 6\\.8 s")
        .containsPattern("ejected, by each caller on its own +2\\.8 s \\.\\. 3\\.8 s")
        .contains("readiness 30 + liveness 30 + load balancer 1440 = 1500")
        .contains("readiness timeoutSeconds 1 s: ok, above the deadline by 0.2 s");
  }

  @Test
  void pureModeFlagsATimeoutThatIsNotAboveTheDeadline() {
    String out = pure("--readiness", "timeout=0.5", "--deadline", "0.8s");

    assertThat(out).contains("readiness timeoutSeconds 0.5 s: NOT OK")
        .contains("note: Kubernetes takes whole seconds");
  }

  @Test
  void hungAttemptsLongerThanThePeriodLowerTheRate() {
    String out = pure("--readiness", "period=1,timeout=2");

    assertThat(out).contains("probe requests per minute: readiness 60 = 60; during the hang 30");
  }

  private static String pure(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] all = new String[args.length + 1];
    all[0] = "--pure";
    System.arraycopy(args, 0, all, 1, args.length);
    int status = ProbeSim.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }
}
