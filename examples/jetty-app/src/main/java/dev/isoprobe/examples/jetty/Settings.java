/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.jetty;

import dev.isoprobe.ProbesConfig;
import java.util.Map;
import java.util.Properties;

/**
 * The example's settings: isoprobe's own through the core's {@link ProbesConfig} (the
 * {@code isoprobe.*} keys, from {@code ISOPROBE_*} variables, system properties or an
 * {@code isoprobe.properties}), the rest from environment variables (and a system property for
 * the hang switch). A bad value stops the app at startup with a message that names it.
 */
record Settings(String host, int port, long stopTimeoutMillis, ProbesConfig probes,
    long checkMillis, boolean hang, DbCheck.Mode mode, long cycleMillis, int headerCacheSize,
    int maxThreads) {

  /** Jetty's own default for {@code HttpConfiguration.setHeaderCacheSize}. */
  static final int JETTY_HEADER_CACHE_SIZE = 1024;
  /** Jetty's own default maximum of {@code QueuedThreadPool}. */
  static final int JETTY_MAX_THREADS = 200;

  /** The settings of the tests: blocking check, default cycle, Jetty's header cache. */
  Settings(String host, int port, long stopTimeoutMillis, ProbesConfig probes, long checkMillis,
      boolean hang) {
    this(host, port, stopTimeoutMillis, probes, checkMillis, hang, DbCheck.Mode.BLOCK, 10_000,
        JETTY_HEADER_CACHE_SIZE, JETTY_MAX_THREADS);
  }

  static Settings from(Map<String, String> env, Properties properties, ProbesConfig probes) {
    return new Settings(
        env.getOrDefault("HOST", "0.0.0.0"),
        (int) number(env, "PORT", 8080, 0, 65_535),
        number(env, "STOP_TIMEOUT_MS", 10_000, 1, 600_000),
        probes,
        number(env, "EXAMPLE_CHECK_MS", 0, 0, 600_000),
        flag(properties.getProperty("example.hang"), "example.hang")
            || flag(env.get("EXAMPLE_HANG"), "EXAMPLE_HANG"),
        mode(env.get("EXAMPLE_CHECK_MODE")),
        number(env, "EXAMPLE_CYCLE_MS", 10_000, 1, 3_600_000),
        (int) number(env, "JETTY_HEADER_CACHE_SIZE", JETTY_HEADER_CACHE_SIZE, 0, 65_536),
        (int) number(env, "JETTY_MAX_THREADS", JETTY_MAX_THREADS, 8, 10_000));
  }

  private static DbCheck.Mode mode(String text) {
    return text == null || text.isBlank() ? DbCheck.Mode.BLOCK : DbCheck.Mode.parse("EXAMPLE_CHECK_MODE", text);
  }

  private static long number(Map<String, String> env, String name, long otherwise, long min, long max) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return otherwise;
    }
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(name + ": '" + text + "' (expected: a whole number from "
          + min + " to " + max + ")");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + " to " + max + ")");
    }
    return value;
  }

  private static boolean flag(String text, String name) {
    if (text == null || text.isBlank() || text.equalsIgnoreCase("false")) {
      return false;
    }
    if (text.equalsIgnoreCase("true")) {
      return true;
    }
    throw new IllegalArgumentException(name + ": '" + text + "' (expected: true or false)");
  }
}
