/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port to another loopback port, which can {@link #swallow()} traffic:
 * it goes on accepting connections and reading what either side sends, forwards nothing and
 * closes nothing, as a network that drops packets does to both ends. {@link #heal()} forwards
 * again, what was held back first. Its threads are daemons; {@link #close()} ends them and every
 * connection.
 */
public final class BlackHoleProxy implements AutoCloseable {

  private final int target;
  private final ServerSocket listening;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean swallowing;

  private BlackHoleProxy(int target, ServerSocket listening) {
    this.target = target;
    this.listening = listening;
  }

  /** Starts a proxy to 127.0.0.1:{@code target}, on a free port of 127.0.0.1. */
  public static BlackHoleProxy to(int target) {
    try {
      BlackHoleProxy proxy = new BlackHoleProxy(target,
          new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
      daemon("black-hole-accept", proxy::accept);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return listening.getLocalPort();
  }

  /** From now on forwards nothing, in either direction, and closes nothing. */
  public void swallow() {
    synchronized (gate) {
      swallowing = true;
    }
  }

  /** Forwards again, in both directions. */
  public void heal() {
    synchronized (gate) {
      swallowing = false;
      gate.notifyAll();
    }
  }

  @Override
  public void close() {
    heal();
    closeQuietly(listening);
    sockets.forEach(BlackHoleProxy::closeQuietly);
  }

  private void accept() {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(server);
        daemon("black-hole-up", () -> pump(client, server));
        daemon("black-hole-down", () -> pump(server, client));
      } catch (IOException closedOrRefused) {
        // Closed: the loop ends. Refused by the target: that client's connection is dropped.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        awaitForwarding();
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException | InterruptedException ended) {
      // Either side closed, or the proxy did.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void awaitForwarding() throws InterruptedException {
    synchronized (gate) {
      while (swallowing) {
        gate.wait();
      }
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Closing: nothing more to do.
    }
  }
}
