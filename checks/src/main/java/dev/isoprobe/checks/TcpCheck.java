/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import dev.isoprobe.CheckContext;
import dev.isoprobe.CheckResult;
import dev.isoprobe.HealthCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A check that a TCP port accepts connections: it resolves the host, connects within the time
 * the probe has left, and closes the connection at once, sending nothing.
 *
 * <p>Up when the connection is made; an {@link IOException} (the host unknown, the connection
 * refused, no answer in time) is reported {@code error}, with no message, as
 * {@link JdbcCheck} reports an {@code SQLException}: isoprobe counts it as a failure as it
 * does {@code down}, and its message, which can name addresses, reaches no response. Details:
 * {@code host} and {@code port}, as given to the builder, never a resolved address.
 *
 * <p>Bounded by the probe's deadline in the socket, not only in isoprobe: the connect is given
 * the time left once the host is resolved, and when the execution is cancelled (its deadline, a
 * shutdown) the socket is closed, which ends a connect whatever the network does. That frees
 * the check's thread from a connect to a host that drops its packets, where an interrupt cannot:
 * a connect on a platform thread ignores it, and holds the thread until its timeout, or the
 * kernel's (two minutes on Linux) without one. Resolving the host is part of the check's time
 * but bounded by the system's resolver alone: no lookup of the JDK can be cancelled. The first
 * address the resolver gives is the one tried.
 *
 * <p>Thread-safe: one instance serves every execution.
 */
public final class TcpCheck implements HealthCheck {

  private final String host;
  private final int port;
  private final Map<String, Object> details;

  private TcpCheck(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.details = Map.of("host", host, "port", port);
  }

  /**
   * Returns a builder of a check of {@code port} on {@code host} (a name or a literal address).
   *
   * @throws IllegalArgumentException if host is blank or port is not between 1 and 65535
   * @throws NullPointerException if host is null
   */
  public static Builder builder(String host, int port) {
    if (Objects.requireNonNull(host, "host").isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
    }
    return new Builder(host, port);
  }

  @Override
  public CheckResult check(CheckContext context) throws IOException {
    // Resolved here, on every execution, so that a changed address is followed.
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      throw new UnknownHostException("host not resolved");
    }
    try (Socket socket = new Socket()) {
      context.token().onCancel(() -> close(socket));
      socket.connect(address, timeoutMillis(context.remaining()));
      return CheckResult.up(details);
    }
  }

  /** The connect's timeout: never 0, which would mean the kernel's own, minutes long. */
  private static int timeoutMillis(Duration remaining) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, remaining.toMillis()));
  }

  /** Ends a connect under way; the socket may be closed already, by the check itself. */
  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException alreadyGone) {
      // Closed either way.
    }
  }

  /** Builds a {@link TcpCheck}. */
  public static final class Builder {
    private final String host;
    private final int port;

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    /** Returns the check. */
    public TcpCheck build() {
      return new TcpCheck(this);
    }
  }
}
