/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Group;
import dev.isoprobe.ProbesConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bridge from Spring's typed binding to the core's {@link ProbesConfig}, which owns every
 * key's bounds and messages: the starter checks a value by handing it to the core.
 */
final class Settings {

  private Settings() {}

  /**
   * Checks {@code value} as the core checks the property, so a bad one fails with the core's
   * message naming it: {@code "isoprobe.timeout: PT0S (expected: > 0)"}.
   */
  static void validate(String property, Object value) {
    required(property, value);
    ProbesConfig.from(Map.of(property, text(value)));
  }

  static <T> T required(String property, T value) {
    if (value == null) {
      throw new IllegalArgumentException(property + ": empty (expected: a value)");
    }
    return value;
  }

  /** Returns the properties the core reads for {@code properties}, as the core writes them. */
  static Map<String, String> toConfig(IsoprobeProperties properties) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("isoprobe.enabled", text(properties.isEnabled()));
    config.put("isoprobe.timeout", text(properties.getTimeout()));
    config.put("isoprobe.warm-up", text(properties.getWarmUp()));
    config.put("isoprobe.details", text(properties.getDetails()));
    config.put("isoprobe.details-roles", text(properties.getDetailsRoles()));
    config.put("isoprobe.details-token.header", properties.getDetailsToken().getHeader());
    String token = properties.getDetailsToken().getValue();
    config.put("isoprobe.details-token.value", token == null ? "" : token);
    config.put("isoprobe.log-error-messages", text(properties.getLogErrorMessages()));
    config.put("isoprobe.failure-threshold", text(properties.getFailureThreshold()));
    config.put("isoprobe.success-threshold", text(properties.getSuccessThreshold()));
    IsoprobeProperties.Executor executor = properties.getExecutor();
    config.put("isoprobe.executor.threads", text(executor.getThreads()));
    config.put("isoprobe.executor.queue-capacity", text(executor.getQueueCapacity()));
    config.put("isoprobe.executor.liveness-threads", text(executor.getLivenessThreads()));
    IsoprobeProperties.Paths paths = properties.getPaths();
    config.put("isoprobe.paths.liveness", paths.getLiveness());
    config.put("isoprobe.paths.readiness", paths.getReadiness());
    config.put("isoprobe.paths.startup", paths.getStartup());
    config.put("isoprobe.paths.health", paths.getHealth());
    config.put("isoprobe.shutdown.drain-delay", text(properties.getShutdown().getDrainDelay()));
    config.put("isoprobe.shutdown.timeout", text(properties.getShutdown().getTimeout()));
    properties.getChecks().forEach((name, check) -> {
      // Spring keeps a '/' in a map key only in brackets; the core reads both forms.
      String key = name.indexOf('/') < 0 ? "isoprobe.checks." + name : "isoprobe.checks[" + name + "]";
      config.put(key + ".enabled", text(check.isEnabled()));
      putIfSet(config, key + ".timeout", check.getTimeout());
      putIfSet(config, key + ".groups", check.getGroups());
      putIfSet(config, key + ".failure-threshold", check.getFailureThreshold());
      putIfSet(config, key + ".success-threshold", check.getSuccessThreshold());
      putIfSet(config, key + ".refresh-every", check.getRefreshEvery());
      putIfSet(config, key + ".max-age", check.getMaxAge());
    });
    return config;
  }

  /** Leaves a check's setting that is not set to the core's default for it. */
  private static void putIfSet(Map<String, String> config, String key, Object value) {
    if (value != null) {
      config.put(key, text(value));
    }
  }

  private static String text(Object value) {
    if (value instanceof Collection<?> values) {
      return values.stream().map(Settings::text).collect(Collectors.joining(","));
    }
    if (value instanceof Group group) {
      return group.name().toLowerCase(Locale.ROOT);
    }
    if (value instanceof Enum<?> constant) {
      return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    return value instanceof Duration duration ? duration.toString() : String.valueOf(value);
  }
}
