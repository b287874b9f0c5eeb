/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import dev.isoprobe.internal.Loggers;
import org.slf4j.Logger;

/**
 * The core's loggers: SLF4J's, or the JDK's logging when no SLF4J provider is bound, through
 * {@link Loggers}, which isoprobe's other modules share.
 */
final class Logs {

  private Logs() {}

  static Logger get(Class<?> type) {
    return Loggers.get(type);
  }

  static Logger get(String name) {
    return Loggers.get(name);
  }
}
