/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster on a loopback port, from the machine's own server binaries
 * ({@code /usr/lib/postgresql/<major>/bin}): one {@link #shared()} by every test of a JVM and
 * stopped, by its own PID, when the JVM exits, or one of a test's own that {@link #close()}
 * stops. As root it runs as the {@code postgres} user, as PostgreSQL requires.
 * {@link #freeze()} stops every one of its processes with SIGSTOP, as a hung database server
 * is: connections stay open and nothing answers.
 */
public final class PostgresServer implements AutoCloseable {

  /** How long the processes of a stopped cluster may take to exit before they are killed. */
  private static final Duration EXIT = Duration.ofSeconds(10);

  private static PostgresServer shared;

  private final Path bin;
  private final Path data;
  private final int port;
  private final boolean asPostgresUser = "root".equals(System.getProperty("user.name"));

  private PostgresServer(Path bin, Path data, int port) {
    this.bin = bin;
    this.data = data;
    this.port = port;
  }

  /** The cluster of this JVM, started on first use. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "postgres-test-stop"));
    }
    return shared;
  }

  /** The URL of its {@code postgres} database, user {@code postgres}, no password. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** The loopback port it listens on. */
  public int port() {
    return port;
  }

  /** The PIDs of the postmaster and of every process under it now, postmaster first. */
  public List<Long> pids() {
    return LocalProcesses.tree(postmasterPid());
  }

  /** Stops the postmaster and every backend with SIGSTOP. */
  public void freeze() {
    LocalProcesses.signal("STOP", pids());
  }

  /** Lets every process of the cluster run again. */
  public void resume() {
    LocalProcesses.signal("CONT", pids());
  }

  /**
   * Starts a cluster of the caller's own, which {@link #close()} stops. Outside CI, a machine
   * without PostgreSQL skips the test (see {@link LocalProcesses#binary}).
   */
  public static PostgresServer start() {
    Path bin = LocalProcesses.binary("PostgreSQL server", "apt-get install -y postgresql",
        installedBinDirs().map(dir -> dir.resolve("postgres"))).getParent();
    try {
      Path data = Files.createTempDirectory("isoprobe-pg-");
      PostgresServer server = new PostgresServer(bin, data, LocalProcesses.freePort());
      try {
        server.initAndStart();
      } catch (RuntimeException failed) {
        server.close(); // a cluster that started but did not answer in time is ours to stop
        throw failed;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Newest major version first. */
  private static Stream<Path> installedBinDirs() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Stream.empty();
    }
    try (Stream<Path> majors = Files.list(root)) {
      return majors.sorted(Comparator.comparing((Path p) -> p.getFileName().toString(),
          Comparator.comparingInt(name -> name.matches("\\d+") ? Integer.parseInt(name) : -1))
              .reversed())
          .map(major -> major.resolve("bin")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void initAndStart() {
    if (asPostgresUser) {
      LocalProcesses.run(List.of("chown", "postgres", data.toString()));
    }
    LocalProcesses.run(command("initdb", "-D", data.toString(), "-U", "postgres",
        "--auth=trust", "--no-sync", "-E", "UTF8"));
    LocalProcesses.run(command("pg_ctl", "-D", data.toString(), "-w", "-t", "60",
        "-l", data.resolve("server.log").toString(),
        "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c fsync=off",
        "start"));
  }

  /**
   * Resumes the cluster if it is frozen, stops it, and waits for every one of its processes to
   * exit, killing by its PID any that is still there after 10 s; then deletes its files.
   */
  @Override
  public void close() {
    try {
      if (Files.exists(data.resolve("postmaster.pid"))) {
        List<Long> pids = pids();
        resume();
        LocalProcesses.run(command("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        awaitExit(pids);
      }
    } finally {
      LocalProcesses.run(List.of("rm", "-rf", data.toString()));
    }
  }

  private static void awaitExit(List<Long> pids) {
    long end = System.nanoTime() + EXIT.toNanos();
    List<Long> left = new ArrayList<>();
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(process -> {
        try {
          process.onExit().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException stillThere) {
          left.add(pid);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          left.add(pid);
        }
      });
    }
    if (!left.isEmpty()) {
      LocalProcesses.signal("KILL", left);
    }
  }

  private long postmasterPid() {
    try {
      return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<String> command(String program, String... arguments) {
    List<String> command = new ArrayList<>();
    if (asPostgresUser) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(arguments));
    return command;
  }
}
