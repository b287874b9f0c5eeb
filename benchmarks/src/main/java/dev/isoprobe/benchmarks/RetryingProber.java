/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Probes a loopback URL the way kubelets do when each caller retries at once: N clients, each
 * opening a new connection per attempt, giving up after the client timeout (closing the
 * connection) and starting the next attempt at once, answered or not. It is what
 * {@code benchmarks/suite.sh} uses for the retrying-prober scenario; wrk cannot do it, because
 * wrk counts a timeout but keeps waiting on the same connection.
 *
 * <p>Usage: {@code java -cp isoprobe-benchmarks.jar dev.isoprobe.benchmarks.RetryingProber
 * <url> <clients> <timeout-ms> <seconds>}. Prints one line: {@code RESULT attempts=.. answered=..
 * ok=.. failed=.. timeout=.. error=.. p50_us=.. p99_us=.. max_us=..} (latencies of answered
 * attempts), and exits 2 on bad arguments or a URL that is not on loopback.
 */
public final class RetryingProber {

  private final InetSocketAddress address;
  private final byte[] request;
  private final int timeoutMillis;
  private final LongAdder attempts = new LongAdder();
  private final LongAdder ok = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder errors = new LongAdder();

  RetryingProber(URI url, int timeoutMillis) throws IOException {
    InetAddress host = InetAddress.getByName(url.getHost());
    if (!host.isLoopbackAddress()) {
      throw new IllegalArgumentException("url: " + url + " (expected: a loopback address)");
    }
    this.address = new InetSocketAddress(host, url.getPort());
    String path = url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
        + "\r\nUser-Agent: kube-probe/1.33\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    this.timeoutMillis = timeoutMillis;
  }

  public static void main(String[] args) throws Exception {
    RetryingProber prober;
    int clients;
    long seconds;
    try {
      if (args.length != 4) {
        throw new IllegalArgumentException("expected 4 arguments, got " + args.length);
      }
      clients = positive("clients", args[1], 1024);
      prober = new RetryingProber(URI.create(args[0]), positive("timeout-ms", args[2], 60_000));
      seconds = positive("seconds", args[3], 3_600);
    } catch (IllegalArgumentException bad) {
      System.err.println("usage: RetryingProber <http://127.0.0.1:port/path> <clients> <timeout-ms> <seconds>: "
          + bad.getMessage());
      System.exit(2);
      return;
    }
    System.out.println(prober.run(clients, TimeUnit.SECONDS.toNanos(seconds)));
  }

  /** Runs the clients until {@code nanos} have passed; returns the RESULT line. */
  String run(int clients, long nanos) throws InterruptedException {
    long end = System.nanoTime() + nanos;
    long[][] latencies = new long[clients][];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int client = i;
      Thread thread = new Thread(() -> latencies[client] = loop(end), "prober-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      // An attempt in progress at the end finishes within the client timeout.
      thread.join();
    }
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    return String.format("RESULT attempts=%d answered=%d ok=%d failed=%d timeout=%d error=%d"
            + " p50_us=%d p99_us=%d max_us=%d",
        attempts.sum(), ok.sum() + failed.sum(), ok.sum(), failed.sum(), timeouts.sum(), errors.sum(),
        percentile(all, 50), percentile(all, 99), all.length == 0 ? 0 : all[all.length - 1]);
  }

  /** Attempts until {@code end}; returns the latencies (microseconds) of the answered ones. */
  private long[] loop(long end) {
    long[] latencies = new long[1024];
    int answered = 0;
    while (System.nanoTime() - end < 0) {
      attempts.increment();
      long start = System.nanoTime();
      if (attempt(start) > 0) {
        if (answered == latencies.length) {
          latencies = Arrays.copyOf(latencies, 2 * answered);
        }
        latencies[answered++] = (System.nanoTime() - start) / 1_000;
      }
    }
    return Arrays.copyOf(latencies, answered);
  }

  /** One attempt on a new connection: the status, or 0 after a timeout or an error. */
  private int attempt(long start) {
    try (Socket socket = new Socket()) {
      socket.connect(address, timeoutMillis);
      socket.setSoTimeout(remaining(start));
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      StringBuilder head = new StringBuilder();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (head.length() < 12) {
          head.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
        }
        socket.setSoTimeout(remaining(start));
      }
      int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
      if (status == 0) {
        errors.increment();
      } else if (status < 400) {
        ok.increment();
      } else {
        failed.increment();
      }
      return status;
    } catch (SocketTimeoutException timedOut) {
      timeouts.increment();
    } catch (IOException | NumberFormatException broken) {
      errors.increment();
    }
    return 0;
  }

  /** Milliseconds left of this attempt's client timeout; throws once it has passed. */
  private int remaining(long start) throws SocketTimeoutException {
    long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    if (left <= 0) {
      throw new SocketTimeoutException("client timeout");
    }
    return (int) left;
  }

  private static long percentile(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, (long) sorted.length * p / 100)];
  }

  private static int positive(String name, String text, int max) {
    try {
      int value = Integer.parseInt(text);
      if (value >= 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException(name + ": " + text + " (expected: 1 to " + max + ")");
  }
}
