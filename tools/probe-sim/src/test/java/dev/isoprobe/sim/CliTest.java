/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argument parsing: what is accepted, and bad arguments answered with status 2 and the option named. */
class CliTest {

  private static final String LIVE = "--readiness period=2 --base http://127.0.0.1:8080 --duration 10s ";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--frobnicate                                          | unknown option: --frobnicate",
      "--pure --readiness                                    | --readiness: missing value",
      "--pure --readiness period=2 --readiness period=3      | --readiness: given twice",
      "--pure                                                | nothing to simulate",
      "--pure --readiness perod=2                            | --readiness: unknown key perod",
      "--pure --readiness period                             | --readiness: period (expected: key=value)",
      "--pure --readiness period=-1                          | --readiness period: -1 (expected: a duration",
      "--pure --readiness period=0                           | --readiness period: 0 (expected: > 0)",
      "--pure --readiness timeout=0.0005                     | --readiness timeout: 0.0005 (expected: whole milliseconds)",
      "--pure --readiness period=2,period=3                  | --readiness: period given twice",
      "--pure --readiness failure=0                          | --readiness failure: 0 (expected: an integer from 1 to 1000)",
      "--pure --readiness path=readyz                        | --readiness path: readyz (expected: an absolute path",
      "--pure --liveness success=2                           | --liveness success: 2 (expected: 1",
      "--pure --lb callers=5000                              | --lb callers: 5000 (expected: an integer from 1 to 1000)",
      "--pure --lb unhealthy=x                               | --lb unhealthy: x (expected: an integer",
      "--pure --lb period=1                                  | --lb: unknown key period",
      "--pure --lb callers=2 --deadline 2days                | --deadline: 2days (expected: a duration",
      "--readiness period=2 --duration 10s                   | --base: missing",
      "--readiness period=2 --base http://127.0.0.1:8080     | --duration: missing",
      LIVE + "--duration 2h                                  | --duration: given twice",
      "--readiness period=2 --base http://127.0.0.1:1 --duration 2h | --duration: 2h (expected: a duration",
      "--readiness period=2 --base http://127.0.0.1:1 --duration 7200 | --duration: 7200 (expected: <= 3600 s)",
      "--readiness period=2 --base http://example.com:8080 --duration 10s | --base: http://example.com:8080 (expected: http://127.0.0.1:<port>",
      "--readiness period=2 --base http://localhost:8080 --duration 10s  | --base: http://localhost:8080 (expected",
      "--readiness period=2 --base http://127.0.0.1.nip.io:80 --duration 10s | --base: http://127.0.0.1.nip.io:80 (expected",
      "--readiness period=2 --base https://127.0.0.1:8443 --duration 10s | --base: https://127.0.0.1:8443 (expected",
      "--readiness period=2 --base http://10.0.0.1:8080 --duration 10s   | --base: http://10.0.0.1:8080 (expected",
      LIVE + "--hang-at 10s                                  | --hang-at: 10s (expected: < --duration 10s)",
      LIVE + "--hang-at 2s --hang-url http://192.168.1.5/hang | --hang-url: http://192.168.1.5/hang (expected",
      LIVE + "--hang-url /admin/hang                         | --hang-url: given without --hang-at",
      LIVE + "--heal-at 5s                                   | --heal-at: given without --hang-at",
      LIVE + "--hang-at 5s --heal-at 4s                      | --heal-at: 4s (expected: after --hang-at 5s",
      LIVE + "--threads-pid abc                              | --threads-pid: abc (expected: a process id)",
      LIVE + "--threads-pid 0                                | --threads-pid: 0 (expected: a running process",
  })
  void badArgumentsExitWithStatus2AndNameTheOption(String args, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status = ProbeSim.run(args.trim().split("\\s+"), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(status).isEqualTo(2);
    assertThat(stderr.lines().findFirst()).hasValueSatisfying(first ->
        assertThat(first).startsWith("probe-sim: " + message.trim()));
    assertThat(stderr).contains("usage: java -jar probe-sim.jar").doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void kubernetesNamesFractionsAndMillisecondsAreAccepted() throws UsageException {
    Options o = Cli.parse("--pure", "--readiness",
        "periodSeconds=0.2,timeoutSeconds=150ms,failureThreshold=4,successThreshold=2,initialDelaySeconds=1,path=/ready",
        "--lb", "callers=3");

    assertThat(o.readiness()).isEqualTo(new ProbeSettings(Duration.ofSeconds(1), Duration.ofMillis(200),
        Duration.ofMillis(150), 4, 2, "/ready"));
    assertThat(o.lb()).isEqualTo(new LbSettings(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 3, 2, "/readyz"));
    assertThat(o.liveness()).isNull();
  }

  @Test
  void omittedKeysTakeTheKubernetesDefaults() throws UsageException {
    Options o = Cli.parse("--pure", "--liveness", "period=5");

    assertThat(o.liveness()).isEqualTo(new ProbeSettings(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1),
        3, 1, "/livez"));
  }

  @Test
  void hangAndHealPathsResolveAgainstTheBaseAndItsContextPath() throws UsageException {
    Options o = Cli.parse("--readiness", "period=2", "--base", "http://[::1]:8080/app/", "--duration", "40s",
        "--hang-at", "5s", "--heal-at", "35s", "--heal-url", "http://127.0.0.1:9090/heal");

    assertThat(o.base()).isEqualTo(URI.create("http://[::1]:8080/app/"));
    assertThat(o.hangUrl()).isEqualTo(URI.create("http://[::1]:8080/app/admin/hang"));
    assertThat(o.healUrl()).isEqualTo(URI.create("http://127.0.0.1:9090/heal"));
    assertThat(Cli.resolve(o.base(), "/readyz")).isEqualTo(URI.create("http://[::1]:8080/app/readyz"));
    assertThat(o.hangAt()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void pureModeNeedsNoBase() throws UsageException {
    assertThat(Cli.parse("--pure", "--lb", "callers=24").pure()).isTrue();
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status = ProbeSim.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: java -jar probe-sim.jar");
  }
}
