/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Starting, freezing and stopping the processes of a server these tests run themselves (shared
 * with the examples through isoprobe-test-support).
 */
public final class LocalProcesses {

  private LocalProcesses() {}

  /** A free port on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the first of {@code candidates} that is an executable file. Outside CI a missing
   * binary skips the test with a message that says what to install; in CI it fails it, since
   * {@code .ci/run} installs them.
   */
  public static Path binary(String what, String install, Stream<Path> candidates) {
    Path found = candidates.filter(Files::isExecutable).findFirst().orElse(null);
    if (found == null) {
      String message = what + " not found: install it (" + install + ") to run this test";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(message + "; .ci/run should have");
      }
      Assumptions.abort(message);
    }
    return found;
  }

  /** Runs a command to its end, at most 60 s, failing with its output if it fails. */
  public static void run(List<String> command) {
    Ran ran = execute(command);
    if (ran.exit() != 0) {
      throw ran.failure();
    }
  }

  /** A command that ended: its exit code and its output, standard error included. */
  private record Ran(List<String> command, int exit, String output) {
    IllegalStateException failure() {
      return new IllegalStateException(command + " exited " + exit + ": " + output);
    }
  }

  private static Ran execute(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      boolean ended = process.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not end in 60 s");
      }
      return new Ran(command, process.exitValue(), new String(process.getInputStream().readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The process and every process under it, parent first. */
  public static List<Long> tree(long pid) {
    List<Long> pids = new ArrayList<>();
    pids.add(pid);
    ProcessHandle.of(pid).ifPresent(root -> root.descendants().forEach(p -> pids.add(p.pid())));
    return pids;
  }

  /**
   * Sends {@code signal} ({@code STOP}, {@code CONT}, {@code KILL}) to exactly these processes;
   * one that has exited since they were listed (a backend whose client hung up) is no failure.
   */
  public static void signal(String signal, List<Long> pids) {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    Ran ran = execute(command);
    // kill signals every process it can, then fails for each that is gone, one line each.
    if (ran.exit() != 0 && !ran.output().lines()
        .allMatch(line -> line.isBlank() || line.matches("kill: \\(\\d+\\): No such process"))) {
      throw ran.failure();
    }
  }
}
