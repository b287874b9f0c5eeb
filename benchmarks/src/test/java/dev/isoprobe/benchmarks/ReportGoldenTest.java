/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each layout against the report its results.kv had before the renderer was Java: the files in
 * {@code src/test/resources/render/} are synthetic runs, and each {@code .md} and {@code .err} is
 * what {@code benchmarks/render.awk} (the renderer until then) printed for them, kept as it
 * printed it. Only the program's name in the standard error line differs.
 */
class ReportGoldenTest {

  @ParameterizedTest
  @ValueSource(strings = {"run", "run-fail", "run-missing", "run-jfr", "suite", "suite-missing", "soak",
      "scale", "scale-missing", "shutdown"})
  void rendersAsTheAwkRendererDid(String name) throws Exception {
    Rendering rendering = Rendering.of(resource(name + ".kv").toString());

    assertThat(rendering.out).isEqualTo(Files.readAllBytes(resource(name + ".md")));
    assertThat(rendering.err).isEqualTo(
        Files.readString(resource(name + ".err")).replace("render.awk: ", "Report: "));
    assertThat(rendering.status).isZero();
  }

  @Test
  void anUnknownLayoutPrintsNothingSaysSoAndExits2() throws Exception {
    Rendering rendering = Rendering.of(resource("unknown.kv").toString());

    assertThat(rendering.out).isEmpty();
    assertThat(rendering.err).isEqualTo(
        Files.readString(resource("unknown.err")).replace("render.awk: ", "Report: "));
    assertThat(rendering.status).isEqualTo(2);
  }

  @Test
  void aMissingFileExits2() {
    Rendering rendering = Rendering.of("no/such/results.kv");

    assertThat(rendering.out).isEmpty();
    assertThat(rendering.err).startsWith("Report: cannot read no/such/results.kv");
    assertThat(rendering.status).isEqualTo(2);
  }

  @Test
  void withoutOneArgumentItPrintsItsUsageAndExits2() {
    Rendering rendering = Rendering.of();

    assertThat(rendering.err).startsWith("usage: ");
    assertThat(rendering.status).isEqualTo(2);
  }

  static Path resource(String name) throws Exception {
    return Path.of(ReportGoldenTest.class.getResource("/render/" + name).toURI());
  }

  /** What {@link Report#run} printed and returned. */
  static final class Rendering {
    final byte[] out;
    final String err;
    final int status;

    private Rendering(byte[] out, String err, int status) {
      this.out = out;
      this.err = err;
      this.status = status;
    }

    static Rendering of(String... args) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Report.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Rendering(out.toByteArray(), err.toString(StandardCharsets.UTF_8), status);
    }
  }
}
