/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import static java.util.concurrent.TimeUnit.SECONDS;

import dev.isoprobe.Check;
import dev.isoprobe.HealthCheck;
import dev.isoprobe.Probes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What the checks' tests share: probes around one check, and servers on 127.0.0.1. */
final class Loopback {

  static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();
  /** The probes' deadline; what a test waits for beyond it is generous against it. */
  static final Duration DEADLINE = Duration.ofMillis(500);
  /**
   * How soon after the answer a check's thread must be free: twice the deadline, on a loaded
   * two-core machine, where without a cancellation in the I/O it stays until the test ends.
   */
  static final Duration GRACE = Duration.ofSeconds(1);

  private Loopback() {}

  /** Probes that run {@code check}, named {@code x}, within {@code deadline}, from the start. */
  static Probes probes(HealthCheck check, Duration deadline) {
    return Probes.builder().deadline(deadline).warmUp(Duration.ZERO).deadlockCheck(false)
        .check(Check.builder("x", check).build()).build();
  }

  /** Probes {@code x} and waits for the answer, which comes by the deadline. */
  static boolean probe(Probes probes) throws Exception {
    return probes.probe("x").orElseThrow().get(5, SECONDS);
  }

  /**
   * Returns whether the peer of {@code socket} closed it within {@code within}: its read ends,
   * or is reset, rather than time out. What it was sent is read and dropped.
   */
  static boolean closedByPeer(Socket socket, Duration within) throws IOException {
    socket.setSoTimeout((int) within.toMillis());
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (in.read(buffer) >= 0) {
        // the request, then nothing until the peer closes
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /**
   * A port that never accepts: a listening socket whose backlog of one is full, so the kernel
   * drops later SYNs and a connect hangs, as to a host that drops its packets. Linux queues
   * backlog + 1 connections; this fills however many it takes.
   */
  static final class Unaccepting implements AutoCloseable {
    final ServerSocket server;
    final InetSocketAddress address;
    private final List<Socket> queued = new ArrayList<>();

    Unaccepting() throws IOException {
      server = new ServerSocket(0, 1, ADDRESS);
      address = new InetSocketAddress(ADDRESS, server.getLocalPort());
      while (true) {
        if (queued.size() > 16) {
          close();
          throw new IllegalStateException("backlog never filled: connects do not hang here");
        }
        Socket socket = new Socket();
        try {
          socket.connect(address, 250);
          queued.add(socket);
        } catch (SocketTimeoutException full) {
          socket.close();
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      for (Socket socket : queued) {
        socket.close();
      }
      server.close();
    }
  }
}
