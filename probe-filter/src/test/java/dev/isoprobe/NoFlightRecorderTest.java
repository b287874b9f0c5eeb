/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * On a runtime without the {@code jdk.jfr} module (a jlink'd or slim image), with the core on the
 * class path as a WAR or a Boot fat jar has it, probes are answered as on a full JDK: there are no
 * Flight Recorder events, and nothing else changes. Run in a child JVM whose modules are limited
 * to what the core needs.
 */
class NoFlightRecorderTest {

  @TempDir
  Path dir;

  @Test
  void probesAreAnsweredAsOnAFullJdk() throws Exception {
    String classPath = String.join(File.pathSeparator, Path.of("target/classes").toString(),
        Path.of("target/test-classes").toString(),
        Path.of(Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    Path stderr = dir.resolve("stderr");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--limit-modules", "java.base,java.logging,java.management", "-cp", classPath,
        NoFlightRecorderTest.class.getName())
        .redirectError(stderr.toFile()).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // No throwable printed or logged (its first line starts a line, as printStackTrace and the
    // log write it). Not any mention of the words: the time-out's warning shows the hung check's
    // stack, which is in InterruptedException's constructor when the deadline came before the
    // check's thread was recorded, so that the thread interrupted itself (seen once, 2026-12-07).
    assertThat(Files.readString(stderr)).doesNotContainPattern("(?m)^\\S*(Exception|Error)\\b")
        .doesNotContain("Exception in thread", "Caused by:", "jdk.jfr", "jdk/jfr");
    assertThat(child.exitValue()).isZero();
    assertThat(output).isEqualTo("jdk.jfr absent; liveness true, up true, hung false, "
        + "up true, hung false, readiness false\n");
  }

  /** The child: probes a healthy check, a hung one and the built-in liveness check, twice. */
  public static void main(String[] args) throws Exception {
    try {
      Class.forName("jdk.jfr.Event");
      throw new AssertionError("jdk.jfr is there");
    } catch (ClassNotFoundException absent) {
      System.out.print("jdk.jfr absent; ");
    }
    CountDownLatch never = new CountDownLatch(1);
    try (Probes probes = Probes.builder().deadline(Duration.ofMillis(300))
        .check(Check.builder("up", ctx -> CheckResult.up()).build())
        .check(Check.builder("hung", ctx -> {
          never.await(); // honours its interrupt: each execution ends at its deadline
          return CheckResult.up();
        }).build())
        .build()) {
      StringBuilder answers = new StringBuilder("liveness " + answer(probes, "liveness"));
      for (int round = 0; round < 2; round++) {
        answers.append(", up ").append(answer(probes, "up"));
        answers.append(", hung ").append(answer(probes, "hung"));
      }
      answers.append(", readiness ").append(answer(probes, "readiness"));
      System.out.println(answers);
    }
  }

  private static boolean answer(Probes probes, String target) throws Exception {
    return probes.probe(target).orElseThrow().get(5, TimeUnit.SECONDS);
  }
}
