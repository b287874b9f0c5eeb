/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import java.util.List;
import java.util.stream.Collectors;

/** Live threads, by name. */
final class Threads {

  private Threads() {}

  static List<Thread> named(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .collect(Collectors.toList());
  }
}
