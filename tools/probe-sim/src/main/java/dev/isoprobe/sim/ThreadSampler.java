/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's thread count from {@code /proc/<pid>/status} (Linux). Thread-safe. */
final class ThreadSampler {

  private final long pid;
  private int min = Integer.MAX_VALUE;
  private int max = -1;
  private int last = -1;
  private boolean gone;

  ThreadSampler(long pid) {
    this.pid = pid;
  }

  static Path statusFile(long pid) {
    return Path.of("/proc", Long.toString(pid), "status");
  }

  /** Samples once, records the count on the timeline when it changed; after the process is gone, does nothing. */
  synchronized void sample(Timeline timeline) {
    if (gone) {
      return;
    }
    int threads = read();
    if (threads < 0) {
      gone = true;
      timeline.add(Timeline.Kind.THREADS, "threads", "pid " + pid + " is gone");
      return;
    }
    min = Math.min(min, threads);
    max = Math.max(max, threads);
    if (threads != last) {
      last = threads;
      timeline.add(Timeline.Kind.THREADS, "threads", threads + " threads in pid " + pid);
    }
  }

  /** The lowest count seen, or -1 before the first sample. */
  synchronized int min() {
    return max < 0 ? -1 : min;
  }

  synchronized int max() {
    return max;
  }

  private int read() {
    try {
      for (String line : Files.readAllLines(statusFile(pid))) {
        if (line.startsWith("Threads:")) {
          return Integer.parseInt(line.substring("Threads:".length()).trim());
        }
      }
      return -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
