/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.service;

import dev.isoprobe.LocalProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A {@code redis-server} on a loopback port, without persistence, started once per test JVM and
 * stopped, by its own PID, when the JVM exits. {@link #freeze()} stops it with SIGSTOP.
 */
final class RedisServer {

  private static RedisServer shared;

  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static synchronized RedisServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "redis-test-stop"));
    }
    return shared;
  }

  int port() {
    return port;
  }

  void freeze() {
    LocalProcesses.signal("STOP", List.of(process.pid()));
  }

  void resume() {
    LocalProcesses.signal("CONT", List.of(process.pid()));
  }

  private static RedisServer start() {
    Path binary = LocalProcesses.binary("redis-server", "apt-get install -y redis-server",
        Stream.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").map(Path::of));
    int port = LocalProcesses.freePort();
    try {
      Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port),
          "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      RedisServer server = new RedisServer(process, port);
      try {
        Awaitility.await("redis-server listening on " + port).atMost(Duration.ofSeconds(20))
            .until(server::accepts);
      } catch (RuntimeException failed) {
        server.stop();
        throw failed;
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private void stop() {
    process.destroyForcibly();
  }
}
