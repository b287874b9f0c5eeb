/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.servlet.WarScenario;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A standalone container in a process of its own, started as its script starts it, on a loopback
 * port of the kernel's choosing, and stopped by SIGTERM as Kubernetes stops a container. Every
 * line it prints (stdout and stderr, as the container's console shows them) is kept, and written
 * to {@code console.log} in its base directory.
 */
final class ContainerProcess implements WarScenario.RunningWar, AutoCloseable {

  /** JVM exit status after SIGTERM once the shutdown hooks have run: 128 + 15. */
  static final int SIGTERM_EXIT = 143;
  /** Starting a JVM and deploying a Spring Boot WAR on a loaded 2-core machine. */
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  /** The drain delay, the shutdown timeout and the container's own stop, with room to spare. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Process process;
  private final List<String> lines;
  private final Thread reader;
  private final int port;

  private ContainerProcess(String name, Process process, List<String> lines, Thread reader,
      int port) {
    this.name = name;
    this.process = process;
    this.lines = lines;
    this.reader = reader;
    this.port = port;
  }

  /**
   * Runs {@code command} in {@code directory} with {@code environment} added, and waits until a
   * line matches {@code started}; the port is group 1 of the last line matching {@code port}
   * before it.
   */
  static ContainerProcess start(String name, List<String> command, Map<String, String> environment,
      Path directory, Pattern started, Pattern port) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true);
    // The user's container gets only what its scripts read, not this JVM's options.
    builder.environment().keySet().removeAll(List.of("JAVA_OPTS", "CATALINA_OPTS", "JAVA_TOOL_OPTIONS",
        "JDK_JAVA_OPTIONS", "JRE_HOME", "CATALINA_PID"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> read(process, directory, lines, started, port, ready),
        name + "-console");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ContainerProcess(name, process, lines, reader,
          ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (Exception failed) {
      kill(process);
      throw new IllegalStateException(name + " did not start; its console:\n"
          + String.join("\n", lines), failed);
    }
  }

  private static void read(Process process, Path directory, List<String> lines, Pattern started,
      Pattern port, CompletableFuture<Integer> ready) {
    Integer found = null;
    try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(directory.resolve("console.log")),
            /* autoFlush= */ true)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
        log.println(line);
        Matcher matcher = port.matcher(line);
        if (matcher.find()) {
          found = Integer.valueOf(matcher.group(1));
        }
        if (started.matcher(line).find()) {
          if (found == null) {
            ready.completeExceptionally(new IllegalStateException("started, but no port seen"));
          } else {
            ready.complete(found);
          }
        }
      }
    } catch (IOException closed) {
      // The process is gone; its exit is what the test looks at.
    }
    ready.completeExceptionally(new IllegalStateException("exited without starting"));
  }

  @Override
  public int port() {
    return port;
  }

  /** Sends SIGTERM to the container's JVM and waits for it to exit after its shutdown hooks. */
  @Override
  public void stop() throws Exception {
    // Not Process.destroy(), which also closes the pipe: the lines of the stop would be lost.
    process.toHandle().destroy();
    assertThat(process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
        .as("%s exited after SIGTERM", name).isTrue();
    assertThat(process.exitValue()).as("%s's exit status after SIGTERM", name)
        .isEqualTo(SIGTERM_EXIT);
    // Its last lines are still in the pipe when it exits.
    reader.join(TimeUnit.SECONDS.toMillis(10));
  }

  /** Returns the lines printed so far. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  /** Returns the console as one string, for assertion messages. */
  String console() {
    return String.join("\n", lines);
  }

  /**
   * Asserts that the console has a line matching {@code line} (a regular expression matched
   * against the whole console, lines joined by newlines, so it may span lines).
   */
  void assertLogged(String line) {
    assertThat(Pattern.compile(line, Pattern.MULTILINE).matcher(console()).find())
        .as("%s's console has a match for %s", name, line).isTrue();
  }

  /** Ends the process if a test left it running: SIGKILL, to this process and its children only. */
  @Override
  public void close() {
    kill(process);
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
