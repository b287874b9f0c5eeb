/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The core as a named module, as an application on the module path runs it, with SLF4J's API
 * alone (no provider bound, so isoprobe falls back to System.Logger): a servlet application,
 * which requires the Servlet API itself, and one with no Servlet API at all (a gRPC server),
 * which the core must not require at run time.
 */
class ModulePathTest {

  @TempDir
  Path dir;

  @Test
  void aServletApplicationBuildsTheFilterAndStops() throws Exception {
    String output = run("requires dev.isoprobe; requires jakarta.servlet;", """
        try (dev.isoprobe.Probes probes = dev.isoprobe.Probes.builder()
            .warmUp(java.time.Duration.ZERO).build()) { // RUNNING at once
          jakarta.servlet.Filter filter = probes.filter();
          System.out.println("state " + probes.state() + ", filter " + (filter != null));
        }
        """, jarOf(Logger.class), jarOf(Filter.class));

    assertThat(output).isEqualTo("state RUNNING, filter true\n");
  }

  @Test
  void anApplicationWithoutTheServletApiProbesAndStops() throws Exception {
    String output = run("requires dev.isoprobe;", """
        try (dev.isoprobe.Probes probes = dev.isoprobe.Probes.builder()
            .warmUp(java.time.Duration.ZERO) // RUNNING at once
            .check(dev.isoprobe.Check.builder("db", ctx -> dev.isoprobe.CheckResult.up()).build())
            .build()) {
          System.out.println("readiness up " + probes.probe("readiness").orElseThrow().get()
              + ", state " + probes.state());
        }
        """, jarOf(Logger.class));

    assertThat(output).isEqualTo("readiness up true, state RUNNING\n");
  }

  /** Compiles module {@code app} with {@code main} as its main method, runs it, returns its output. */
  private String run(String requires, String main, String... modules) throws Exception {
    String modulePath = String.join(File.pathSeparator, Path.of("target/classes").toString(),
        String.join(File.pathSeparator, modules));
    Path source = dir.resolve("src/app/app");
    Files.createDirectories(source);
    Files.writeString(source.getParent().resolve("module-info.java"), "module app { " + requires + " }");
    Files.writeString(source.resolve("Main.java"), """
        package app;
        public class Main {
          public static void main(String[] args) throws Exception {
        %s  }
        }
        """.formatted(main));
    Path classes = dir.resolve("out");
    int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        "--module-path", modulePath, "--module-source-path", dir.resolve("src").toString(),
        "-m", "app");
    assertThat(compiled).isZero();

    Path stderr = dir.resolve("stderr");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePath + File.pathSeparator + classes, "-m", "app/app.Main")
        .redirectError(stderr.toFile()).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(stderr)).doesNotContain("Exception");
    assertThat(child.exitValue()).isZero();
    return output;
  }

  private static String jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
