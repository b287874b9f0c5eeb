/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server running a test WAR in a JVM of its own, on a loopback port, stopped by SIGTERM as
 * Kubernetes stops a container. Its main class prints {@code port=<n>} once it serves.
 */
public final class WarProcess implements WarScenario.RunningWar, AutoCloseable {

  /** JVM exit status after SIGTERM once the shutdown hooks have run: 128 + 15. */
  public static final int SIGTERM_EXIT = 143;

  private final Process process;
  private final int port;
  private final List<String> output = new ArrayList<>();

  private WarProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@code main} with the WAR directory and {@code more} as arguments; waits until it serves. */
  public static WarProcess start(Class<?> main, Path war, String... more) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName(), war.toString()));
    command.addAll(List.of(more));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    List<String> seen = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          synchronized (seen) {
            seen.add(line);
          }
          if (line.startsWith("port=")) {
            port.complete(Integer.parseInt(line.substring("port=".length())));
          }
        }
        port.completeExceptionally(new IllegalStateException("exited without serving: " + seen));
      } catch (IOException closed) {
        port.completeExceptionally(closed);
      }
    }, "war-process-output");
    reader.setDaemon(true);
    reader.start();
    try {
      WarProcess started = new WarProcess(process, port.get(60, TimeUnit.SECONDS));
      started.output.addAll(seen);
      return started;
    } catch (Exception failed) {
      process.destroyForcibly();
      throw failed;
    }
  }

  @Override
  public int port() {
    return port;
  }

  /** Sends SIGTERM and waits for the JVM to exit after its shutdown hooks. */
  @Override
  public void stop() throws Exception {
    process.destroy();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
    assertThat(process.exitValue()).as("exit status after SIGTERM").isEqualTo(SIGTERM_EXIT);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
