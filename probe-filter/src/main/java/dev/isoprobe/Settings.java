/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static dev.isoprobe.ConfigValues.BOOLEAN;
import static dev.isoprobe.ConfigValues.DURATION;
import static dev.isoprobe.ConfigValues.GROUPS;
import static dev.isoprobe.ConfigValues.INTEGER;
import static dev.isoprobe.ConfigValues.SECRET;
import static dev.isoprobe.ConfigValues.TEXT;

import dev.isoprobe.Setting.Bound;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every {@code isoprobe.*} setting, each declared once: its key, type, default and bounds. The
 * properties ({@link ProbesConfig}) and the builders ({@link Probes.Builder},
 * {@link Check.Builder}) check values against these bounds, so that a value means the same, and
 * is refused with the same words, wherever it is set; docs/configuration.md lists them, and a
 * test holds the two together.
 */
final class Settings {

  /** The most executions in a row a failure or success threshold may count. */
  private static final int MAX_THRESHOLD = 100;
  private static final Pattern PATH = Pattern.compile("(/(?!\\.{1,2}(?:/|$))[A-Za-z0-9._~-]+)+");
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  static final Setting<Boolean> ENABLED = Setting.of("enabled", BOOLEAN, "true");
  static final Setting<Duration> TIMEOUT = Setting.of("timeout", DURATION, "800ms")
      .inCode("deadline").within(Bound.positive()).within(Bound.atMost(Duration.ofMinutes(1)));
  static final Setting<Duration> WARM_UP = Setting.of("warm-up", DURATION, "10s")
      .within(Bound.notNegative()).within(Bound.atMost(TEN_MINUTES));
  static final Setting<ShowDetails> DETAILS =
      Setting.of("details", ConfigValues.choiceOf(ShowDetails.class), "never");
  static final Setting<List<String>> DETAILS_ROLES =
      Setting.of("details-roles", ConfigValues.names("role names", DetailsAuthorizer::role), "");
  static final Setting<String> DETAILS_TOKEN_HEADER =
      Setting.of("details-token.header", ConfigValues.HEADER, "X-Probe-Token")
          .within(header -> header.isBlank() ? "a header name" : null);
  static final Setting<String> DETAILS_TOKEN_VALUE = Setting.of("details-token.value", SECRET, "")
      .within(token -> !token.isEmpty() && token.length() < 16 ? "at least 16" : null);
  static final Setting<ProbesConfig.LogErrorMessages> LOG_ERROR_MESSAGES = Setting.of(
      "log-error-messages", ConfigValues.choiceOf(ProbesConfig.LogErrorMessages.class), "redacted");
  static final Setting<Integer> EXECUTOR_THREADS = Setting.of("executor.threads", INTEGER, "4")
      .within(Bound.between(1, 256));
  static final Setting<Integer> QUEUE_CAPACITY =
      Setting.of("executor.queue-capacity", INTEGER, "16").within(Bound.between(0, 10_000));
  static final Setting<Integer> LIVENESS_THREADS =
      Setting.of("executor.liveness-threads", INTEGER, "2").within(Bound.between(1, 16));
  static final Setting<Integer> FAILURE_THRESHOLD = Setting.of("failure-threshold", INTEGER, "1")
      .within(Bound.between(1, MAX_THRESHOLD));
  static final Setting<Integer> SUCCESS_THRESHOLD = Setting.of("success-threshold", INTEGER, "1")
      .within(Bound.between(1, MAX_THRESHOLD));
  static final Setting<String> LIVENESS_PATH = path("liveness", "/livez");
  static final Setting<String> READINESS_PATH = path("readiness", "/readyz");
  static final Setting<String> STARTUP_PATH = path("startup", "/startupz");
  static final Setting<String> HEALTH_PATH = path("health", "/healthz");
  static final Setting<Duration> DRAIN_DELAY = Setting.of("shutdown.drain-delay", DURATION, "0")
      .within(Bound.between(Duration.ZERO, TEN_MINUTES));
  static final Setting<Duration> SHUTDOWN_TIMEOUT = Setting.of("shutdown.timeout", DURATION, "1s")
      .within(Bound.positive()).within(Bound.between(Duration.ZERO, TEN_MINUTES));
  // Read outside Spring alone, by the loader itself. (The servlet module declares its own
  // properties, isoprobe.check-providers and isoprobe.register-filter: ModuleProperties.)
  static final Setting<String> CONFIG_FILE = Setting.of("config-file", TEXT, "");

  /** Every setting of the probes, {@code isoprobe.<name>}, in the order they are checked. */
  static final List<Setting<?>> OF_PROBES = List.of(ENABLED, TIMEOUT, DETAILS,
      LOG_ERROR_MESSAGES, DETAILS_ROLES, DETAILS_TOKEN_HEADER, DETAILS_TOKEN_VALUE, DRAIN_DELAY,
      SHUTDOWN_TIMEOUT, WARM_UP, EXECUTOR_THREADS, QUEUE_CAPACITY, LIVENESS_THREADS,
      FAILURE_THRESHOLD, SUCCESS_THRESHOLD, LIVENESS_PATH, READINESS_PATH, STARTUP_PATH,
      HEALTH_PATH, CONFIG_FILE);

  static final Setting<Boolean> CHECK_ENABLED = Setting.of("enabled", BOOLEAN, null);
  static final Setting<Duration> CHECK_TIMEOUT =
      Setting.of("timeout", DURATION, null).within(Bound.positive());
  static final Setting<Set<Group>> CHECK_GROUPS = Setting.of("groups", GROUPS, null);
  static final Setting<Integer> CHECK_FAILURE_THRESHOLD = FAILURE_THRESHOLD.withoutDefault();
  static final Setting<Integer> CHECK_SUCCESS_THRESHOLD = SUCCESS_THRESHOLD.withoutDefault();
  /** At least 10 ms: shorter, a check would keep a thread busy for nothing. */
  static final Setting<Duration> REFRESH_EVERY = Setting.of("refresh-every", DURATION, null)
      .within(Bound.atLeast(Duration.ofMillis(10))).within(Bound.atMost(Duration.ofHours(1)));
  static final Setting<Duration> MAX_AGE = Setting.of("max-age", DURATION, null)
      .within(Bound.positive()).within(Bound.atMost(Duration.ofDays(1)));
  /** Set in code alone: a check refreshed in the background by properties never caches. */
  static final Setting<Duration> CACHE_FOR = Setting.of("cache-for", DURATION, null)
      .within(Bound.notNegative()).within(Bound.atMost(Duration.ofHours(1)));

  /**
   * Every setting of one check that properties set, {@code isoprobe.checks.<name>.<setting>},
   * in the order their messages list them.
   */
  static final List<Setting<?>> OF_A_CHECK = List.of(CHECK_ENABLED, CHECK_TIMEOUT, CHECK_GROUPS,
      CHECK_FAILURE_THRESHOLD, CHECK_SUCCESS_THRESHOLD, REFRESH_EVERY, MAX_AGE);

  private Settings() {}

  /** Returns the one of {@code settings} that {@code name} names, in any form keys take, or null. */
  static Setting<?> named(List<Setting<?>> settings, String name) {
    String uniform = ConfigValues.uniform(name);
    return settings.stream().filter(known -> ConfigValues.uniform(known.name()).equals(uniform))
        .findFirst().orElse(null);
  }

  /** Returns {@code value} of {@code setting} as properties write it. */
  @SuppressWarnings("unchecked")
  static <T> String written(Setting<T> setting, Object value) {
    return setting.type().written((T) value);
  }

  private static Setting<String> path(String probe, String defaultPath) {
    return Setting.of("paths." + probe, ConfigValues.PATH, defaultPath).within(path ->
        PATH.matcher(path).matches() && path.length() <= 128 ? null : "'/' followed by letters, "
            + "digits, '.', '_', '~' or '-' segments, none of them '.' or '..', at most 128");
  }
}
