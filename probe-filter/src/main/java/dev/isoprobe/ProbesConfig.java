/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * isoprobe's settings as {@code isoprobe.*} properties: one set of keys, defaults, units and
 * error messages for every entry point. The servlet filter reads them from files, init-params,
 * system properties and environment variables ({@link #load(Map)}); the Spring Boot starter
 * binds the same keys from Spring's environment and hands them here, so a setting means the same
 * thing, and a bad one fails with the same message, wherever it is written.
 *
 * <p>Values take Spring Boot's forms: durations as {@code 800ms}, {@code 5s}, {@code 1m} or
 * ISO-8601 {@code PT0.8S} (a bare number is milliseconds), lists comma-separated, enumerations
 * and booleans in any case. Keys are matched as Spring matches them: {@code queue-capacity},
 * {@code queueCapacity} and {@code queue_capacity} are one key. A bad value, or a key isoprobe
 * does not have, throws an {@link IllegalArgumentException} that names the key and what was
 * expected, and never shows the details token's value. Immutable.
 */
public final class ProbesConfig {

  /** The prefix of every key. */
  public static final String PREFIX = "isoprobe.";

  static final String CHECKS = PREFIX + "checks";
  static final String DEADLOCK = "deadlock";
  /** The check that a check's settings are tried on when they are read. */
  private static final String STAND_IN = "check";
  private static final Duration MAX_SHUTDOWN_WAIT = Duration.ofMinutes(10);
  /** The settings of one check, {@code isoprobe.checks.<name>.<setting>}, as keys write them. */
  private static final List<String> CHECK_SETTINGS =
      List.of("enabled", "timeout", "groups", "failure-threshold", "success-threshold",
          "refresh-every", "max-age");
  private static final String CHECK_SETTINGS_TEXT = String.join("|", CHECK_SETTINGS);

  /** Every key but the per-check ones, each with its default as written in properties. */
  private static final Map<String, String> DEFAULTS = defaults();

  private final Map<String, String> values;
  private final Map<String, CheckSettings> checks;

  private ProbesConfig(Map<String, String> values, Map<String, CheckSettings> checks) {
    this.values = values;
    this.checks = checks;
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("isoprobe.enabled", "true");
    defaults.put("isoprobe.timeout", "800ms");
    defaults.put("isoprobe.warm-up", "10s");
    defaults.put("isoprobe.details", "never");
    defaults.put("isoprobe.details-roles", "");
    defaults.put("isoprobe.details-token.header", "X-Probe-Token");
    defaults.put("isoprobe.details-token.value", "");
    defaults.put("isoprobe.log-error-messages", "redacted");
    defaults.put("isoprobe.executor.threads", "4");
    defaults.put("isoprobe.executor.queue-capacity", "16");
    defaults.put("isoprobe.executor.liveness-threads", "2");
    defaults.put("isoprobe.failure-threshold", "1");
    defaults.put("isoprobe.success-threshold", "1");
    defaults.put("isoprobe.paths.liveness", "/livez");
    defaults.put("isoprobe.paths.readiness", "/readyz");
    defaults.put("isoprobe.paths.startup", "/startupz");
    defaults.put("isoprobe.paths.health", "/healthz");
    defaults.put("isoprobe.shutdown.drain-delay", "0");
    defaults.put("isoprobe.shutdown.timeout", "1s");
    defaults.put("isoprobe.check-providers", "");
    defaults.put("isoprobe.register-filter", "false");
    defaults.put(ConfigSources.CONFIG_FILE, "");
    return Map.copyOf(defaults);
  }

  /**
   * Returns the settings {@code properties} give, every other one at its default. Keys outside
   * {@code isoprobe.*} are ignored.
   *
   * @throws IllegalArgumentException naming the key, if a value is bad or an {@code isoprobe.*}
   *     key is not one of isoprobe's
   */
  public static ProbesConfig from(Map<String, String> properties) {
    Map<String, ConfigSources.Setting> settings = new LinkedHashMap<>();
    properties.forEach((key, value) -> settings.put(key, new ConfigSources.Setting(value, null)));
    return parse(settings);
  }

  /**
   * Reads the settings from, highest precedence first:
   *
   * <ol>
   *   <li>{@code overrides} (a servlet filter's and context's init-parameters);
   *   <li>Java system properties ({@code -Disoprobe.timeout=500ms});
   *   <li>environment variables, named as Spring Boot names them: upper case, {@code _} for
   *       {@code .}, no {@code -} ({@code ISOPROBE_TIMEOUT}, {@code ISOPROBE_EXECUTOR_QUEUECAPACITY},
   *       {@code ISOPROBE_CHECKS_DB_TIMEOUT}); other {@code ISOPROBE_*} variables are ignored, as
   *       Kubernetes sets some for a Service named {@code isoprobe};
   *   <li>the properties file at {@code isoprobe.config-file}, when a source above names one (a
   *       file that cannot be read fails);
   *   <li>{@code isoprobe.properties} at the root of the class path (the context class loader's).
   * </ol>
   *
   * <p>The same order as Spring Boot's: init-parameters above system properties above the
   * environment above files.
   *
   * @throws IllegalArgumentException naming the key and where it was set, if a value is bad
   */
  public static ProbesConfig load(Map<String, String> overrides) {
    return parse(ConfigSources.read(overrides, System.getProperties(), System.getenv(),
        Thread.currentThread().getContextClassLoader()));
  }

  /** Returns the settings {@code settings} give, lowest precedence first. */
  static ProbesConfig parse(Map<String, ConfigSources.Setting> settings) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    Map<String, String> origins = new TreeMap<>();
    Map<String, CheckSettings> checks = new TreeMap<>();
    settings.forEach((key, setting) -> {
      try {
        String canonical = put(key, setting.value(), values, checks);
        if (canonical != null && setting.origin() != null) {
          origins.put(canonical, setting.origin());
        }
      } catch (IllegalArgumentException bad) {
        throw withOrigin(bad, setting.origin());
      }
    });
    ProbesConfig config = new ProbesConfig(Map.copyOf(values), Map.copyOf(checks));
    try {
      config.validate();
    } catch (IllegalArgumentException bad) {
      String message = String.valueOf(bad.getMessage());
      throw withOrigin(bad, origins.entrySet().stream()
          .filter(origin -> message.startsWith(origin.getKey() + ": ")
              || message.startsWith(origin.getKey() + "."))
          .map(Map.Entry::getValue).findFirst().orElse(null));
    }
    return config;
  }

  private static IllegalArgumentException withOrigin(IllegalArgumentException bad, String origin) {
    return origin == null ? bad
        : new IllegalArgumentException(bad.getMessage() + ", set by " + origin, bad);
  }

  /** Returns every key but the per-check ones ({@code isoprobe.checks.<name>.*}), sorted. */
  public static Set<String> keys() {
    return new TreeSet<>(DEFAULTS.keySet());
  }

  /** Returns if {@code setting}, in any of the forms keys take, is a setting of one check. */
  static boolean isCheckSetting(String setting) {
    return checkSetting(setting) != null;
  }

  /** Returns the setting of one check that {@code setting} names, as keys write it, or null. */
  private static String checkSetting(String setting) {
    String uniform = ConfigValues.uniform(setting);
    for (String known : CHECK_SETTINGS) {
      if (ConfigValues.uniform(known).equals(uniform)) {
        return known;
      }
    }
    return null;
  }

  /** Records one setting; returns its key as errors name it, or null for a key not ours. */
  private static String put(String key, String value, Map<String, String> values,
      Map<String, CheckSettings> checks) {
    if (!key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String text = value == null ? "" : value.trim();
    if (key.regionMatches(true, 0, CHECKS, 0, CHECKS.length()) && key.length() > CHECKS.length()
        && (key.charAt(CHECKS.length()) == '.' || key.charAt(CHECKS.length()) == '[')) {
      return putCheck(key, text, checks);
    }
    String canonical = canonical(key);
    values.put(canonical, text);
    return canonical;
  }

  private static String canonical(String key) {
    String uniform = ConfigValues.uniform(key);
    for (String known : DEFAULTS.keySet()) {
      if (ConfigValues.uniform(known).equals(uniform)) {
        return known;
      }
    }
    throw new IllegalArgumentException(key + ": not a setting of isoprobe (expected one of: "
        + String.join(", ", new TreeSet<>(DEFAULTS.keySet())) + ", " + CHECKS
        + ".<name>." + CHECK_SETTINGS_TEXT + ")");
  }

  /** Reads {@code isoprobe.checks.<name>.<setting>} or {@code isoprobe.checks[<name>].<setting>}. */
  private static String putCheck(String key, String value, Map<String, CheckSettings> checks) {
    String rest = key.substring(CHECKS.length());
    String name;
    String setting;
    if (rest.startsWith("[") && rest.indexOf("].") > 1) {
      name = rest.substring(1, rest.indexOf("]."));
      setting = rest.substring(rest.indexOf("].") + 2);
    } else if (rest.startsWith(".") && rest.lastIndexOf('.') > 1) {
      name = rest.substring(1, rest.lastIndexOf('.'));
      setting = rest.substring(rest.lastIndexOf('.') + 1);
    } else {
      throw new IllegalArgumentException(key + ": not a setting of isoprobe (expected: "
          + CHECKS + ".<name>." + CHECK_SETTINGS_TEXT + ")");
    }
    String known = checkSetting(setting);
    if (known == null) {
      throw new IllegalArgumentException(key + ": not a setting of a check (expected: "
          + checkKey(name) + "." + CHECK_SETTINGS_TEXT + ")");
    }
    String property = checkKey(name) + "." + known;
    Object parsed = switch (known) {
      case "enabled" -> ConfigValues.bool(property, value);
      case "timeout", "refresh-every", "max-age" -> ConfigValues.duration(property, value);
      case "groups" -> ConfigValues.groups(property, value);
      default -> ConfigValues.integer(property, value);
    };
    checks.put(name, checks.getOrDefault(name, CheckSettings.NONE).with(known, parsed));
    return checkKey(name);
  }

  /** The key of a check's settings: a name with {@code /} only in brackets, as Spring has it. */
  static String checkKey(String name) {
    return name.indexOf('/') < 0 ? CHECKS + "." + name : CHECKS + "[" + name + "]";
  }

  /** Checks each value now, so a bad one fails where it was read, not when probes are built. */
  private void validate() {
    enabled();
    registerFilter();
    timeout();
    showDetails();
    logErrorMessages();
    detailsAuthorizer();
    drainDelay();
    shutdownTimeout();
    apply(Probes.builder());
    checks.forEach((name, settings) -> {
      String other = settings.values().keySet().stream().filter(setting -> !setting.equals("enabled"))
          .findFirst().orElse(null);
      if (name.equals(DEADLOCK) && other != null) {
        throw new IllegalArgumentException(checkKey(DEADLOCK) + "." + other
            + ": set (expected: only 'enabled'; the built-in deadlock check takes no other setting)");
      }
      if (settings.get("timeout") != null) {
        checkTimeout(checkKey(name), settings.get("timeout"));
      }
      // The check builder's setters check each value, so that each bound lives once; what
      // depends on other settings, maybe of the check itself, is checked when it is built.
      configured(name, () -> applied(Check.builder(STAND_IN, context -> CheckResult.up()),
          List.of(name)));
    });
  }

  /** Returns whether isoprobe serves the probe paths ({@code isoprobe.enabled}). */
  public boolean enabled() {
    return ConfigValues.bool("isoprobe.enabled", values.get("isoprobe.enabled"));
  }

  /** Returns {@code isoprobe.shutdown.drain-delay}: how long readiness answers 503 draining. */
  public Duration drainDelay() {
    String key = "isoprobe.shutdown.drain-delay";
    return between(key, ConfigValues.duration(key, values.get(key)), Duration.ZERO);
  }

  /** Returns {@code isoprobe.shutdown.timeout}: the bound on answering probes in flight. */
  public Duration shutdownTimeout() {
    String key = "isoprobe.shutdown.timeout";
    Duration timeout = ConfigValues.duration(key, values.get(key));
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(key + ": " + timeout + " (expected: > 0)");
    }
    return between(key, timeout, Duration.ZERO);
  }

  /**
   * Returns {@code isoprobe.register-filter}: whether isoprobe's {@code ServletContainerInitializer}
   * adds the probe filter to a web application by itself.
   */
  public boolean registerFilter() {
    return ConfigValues.bool("isoprobe.register-filter", values.get("isoprobe.register-filter"));
  }

  /** Returns the class names {@code isoprobe.check-providers} lists, in order. */
  public List<String> checkProviders() {
    return ConfigValues.list(values.get("isoprobe.check-providers"));
  }

  /**
   * Returns who sees details under {@code isoprobe.details=when-authorized} as the properties
   * say: a caller in one of {@code isoprobe.details-roles}, or one that sends
   * {@code isoprobe.details-token.value} in {@code isoprobe.details-token.header}; empty when
   * neither is set.
   */
  public Optional<DetailsAuthorizer> detailsAuthorizer() {
    List<DetailsAuthorizer> any = new ArrayList<>();
    String rolesText = values.get("isoprobe.details-roles");
    List<String> roles = ConfigValues.list(rolesText);
    if (!rolesText.isEmpty() && rolesText.split(",", -1).length != roles.size()) {
      throw new IllegalArgumentException("isoprobe.details-roles: '" + Redactor.printable(rolesText)
          + "' (expected: role names, none blank)");
    }
    roles.forEach(role -> any.add(DetailsAuthorizer.role(role)));
    String header = values.get("isoprobe.details-token.header");
    if (header.isBlank()) {
      throw new IllegalArgumentException("isoprobe.details-token.header: '' (expected: a header name)");
    }
    String token = values.get("isoprobe.details-token.value");
    if (!token.isEmpty()) {
      if (token.length() < 16) {
        // Its length, never the value: this message is logged.
        throw new IllegalArgumentException("isoprobe.details-token.value: " + token.length()
            + " characters (expected: at least 16)");
      }
      any.add(DetailsAuthorizer.headerToken(header, token));
    }
    if (any.size() < 2) {
      return any.stream().findFirst();
    }
    return Optional.of(request -> any.stream().anyMatch(one -> one.isAuthorized(request)));
  }

  /**
   * Returns a builder with these settings and {@code checks}, each as its
   * {@code isoprobe.checks.<name>.*} settings configure it (left out when disabled). Settings of
   * a composite's name ({@code db}) apply to each member ({@code db/primary}) that has none of
   * its own: each of {@code timeout} and {@code groups} comes from the nearest name that sets it,
   * and a disabled composite disables its members. The caller may go on configuring the builder.
   *
   * @throws IllegalArgumentException if a check's settings name no check among {@code checks}
   *     (or the built-in {@code deadlock}), or do not fit the check they name
   */
  public Probes.Builder builder(Collection<Check> checks) {
    Probes.Builder builder = apply(Probes.builder());
    Set<String> unused = new TreeSet<>(this.checks.keySet());
    unused.remove(DEADLOCK);
    builder.deadlockCheck(this.checks.getOrDefault(DEADLOCK, CheckSettings.NONE).enabled());
    Set<String> names = new TreeSet<>(List.of(DEADLOCK));
    for (Check check : checks) {
      names.add(check.name());
      List<String> keys = settingsKeys(check.name());
      unused.removeAll(keys);
      configured(check.name(), () -> configure(check, keys)).ifPresent(builder::check);
    }
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(checkKey(unused.iterator().next())
          + ": no check has this name (known: " + String.join(", ", names)
          + "; a name with '/' is written in brackets: " + CHECKS + "[db/primary].timeout)");
    }
    detailsAuthorizer().ifPresent(builder::detailsAuthorizer);
    return builder;
  }

  /**
   * Returns every setting as a property, the token's value masked as {@code ***}: what is in
   * effect, for a startup log line or a comparison.
   */
  public Map<String, String> asMap() {
    Map<String, String> all = new TreeMap<>(values);
    all.put("isoprobe.enabled", String.valueOf(enabled()));
    all.put("isoprobe.register-filter", String.valueOf(registerFilter()));
    all.put("isoprobe.timeout", timeout().toString());
    all.put("isoprobe.warm-up", warmUp().toString());
    all.put("isoprobe.details", ConfigValues.name(showDetails()));
    all.put("isoprobe.details-roles", String.join(",", ConfigValues.list(values.get("isoprobe.details-roles"))));
    all.put("isoprobe.log-error-messages", logErrorMessages() ? "redacted" : "none");
    all.put("isoprobe.shutdown.drain-delay", drainDelay().toString());
    all.put("isoprobe.shutdown.timeout", shutdownTimeout().toString());
    all.put("isoprobe.check-providers", String.join(",", checkProviders()));
    for (String key : List.of("isoprobe.executor.threads", "isoprobe.executor.queue-capacity",
        "isoprobe.executor.liveness-threads", "isoprobe.failure-threshold",
        "isoprobe.success-threshold")) {
      all.put(key, String.valueOf(ConfigValues.integer(key, values.get(key))));
    }
    if (!all.get("isoprobe.details-token.value").isEmpty()) {
      all.put("isoprobe.details-token.value", "***");
    }
    checks.forEach((name, settings) -> settings.putInto(checkKey(name), all));
    return all;
  }

  @Override
  public String toString() {
    return "ProbesConfig" + asMap();
  }

  private Probes.Builder apply(Probes.Builder builder) {
    builder.deadline(timeout());
    core("isoprobe.warm-up", value -> builder.warmUp(warmUp()));
    core("isoprobe.executor.threads", value -> builder.executorThreads(ConfigValues.integer(
        "isoprobe.executor.threads", value)));
    core("isoprobe.executor.queue-capacity", value -> builder.queueCapacity(ConfigValues.integer(
        "isoprobe.executor.queue-capacity", value)));
    core("isoprobe.executor.liveness-threads", value -> builder.livenessThreads(
        ConfigValues.integer("isoprobe.executor.liveness-threads", value)));
    core("isoprobe.failure-threshold", value -> builder.failureThreshold(
        ConfigValues.integer("isoprobe.failure-threshold", value)));
    core("isoprobe.success-threshold", value -> builder.successThreshold(
        ConfigValues.integer("isoprobe.success-threshold", value)));
    core("isoprobe.paths.liveness", builder::livenessPath);
    core("isoprobe.paths.readiness", builder::readinessPath);
    core("isoprobe.paths.startup", builder::startupPath);
    core("isoprobe.paths.health", builder::healthPath);
    return builder.showDetails(showDetails()).logErrorMessages(logErrorMessages());
  }

  /**
   * Feeds the value of {@code key} to a builder call, which checks it, and gives its error the
   * key's name: the core's {@code "executor.threads: 0 (expected: 1 to 256)"} becomes
   * {@code "isoprobe.executor.threads: 0 (expected: 1 to 256)"}, so each bound lives once.
   */
  private void core(String key, Consumer<String> builderCall) {
    String value = values.get(key);
    try {
      builderCall.accept(value);
    } catch (IllegalArgumentException bad) {
      String message = String.valueOf(bad.getMessage());
      if (message.startsWith(PREFIX)) {
        throw bad;
      }
      int colon = message.indexOf(": ");
      throw new IllegalArgumentException(
          key + (colon < 0 ? ": '" + value + "' (" + message + ")" : message.substring(colon)), bad);
    }
  }

  private Duration timeout() {
    Duration timeout = ConfigValues.duration("isoprobe.timeout", values.get("isoprobe.timeout"));
    core("isoprobe.timeout", value -> Probes.builder().deadline(timeout));
    return timeout;
  }

  private Duration warmUp() {
    return ConfigValues.duration("isoprobe.warm-up", values.get("isoprobe.warm-up"));
  }

  private ShowDetails showDetails() {
    return ConfigValues.choice("isoprobe.details", values.get("isoprobe.details"),
        ShowDetails.class);
  }

  private boolean logErrorMessages() {
    return ConfigValues.choice("isoprobe.log-error-messages",
        values.get("isoprobe.log-error-messages"), LogErrorMessages.class)
        == LogErrorMessages.REDACTED;
  }

  /** What the line logged when a check fails shows of its exception's message. */
  enum LogErrorMessages { REDACTED, NONE }

  private static Duration between(String key, Duration value, Duration min) {
    if (value.compareTo(min) < 0 || value.compareTo(MAX_SHUTDOWN_WAIT) > 0) {
      throw new IllegalArgumentException(
          key + ": " + value + " (expected: " + min + " to " + MAX_SHUTDOWN_WAIT + ")");
    }
    return value;
  }

  private void checkTimeout(String key, Duration timeout) {
    Duration deadline = timeout();
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(deadline) > 0) {
      throw new IllegalArgumentException(key + ".timeout: " + timeout
          + " (expected: > 0 and <= isoprobe.timeout (" + deadline + "))");
    }
  }

  /**
   * Returns the names whose settings apply to the check {@code name}, nearest first: its own,
   * then those of each composite it is a member of ({@code db} for {@code db/primary}).
   */
  private List<String> settingsKeys(String name) {
    List<String> keys = new ArrayList<>();
    for (String key = name; ; key = key.substring(0, key.lastIndexOf('/'))) {
      if (checks.containsKey(key)) {
        keys.add(key);
      }
      if (key.indexOf('/') < 0) {
        return keys;
      }
    }
  }

  /**
   * Returns what {@code configuring} returns, and a value the check's builder refuses fails
   * naming the key of {@code name}'s settings: {@code isoprobe.checks[db/primary].max-age: ...},
   * where the builder of the check (or of the stand-in it is tried on) says
   * {@code checks.db/primary.max-age: ...}.
   */
  private static <T> T configured(String name, Supplier<T> configuring) {
    try {
      return configuring.get();
    } catch (IllegalArgumentException bad) {
      String message = String.valueOf(bad.getMessage());
      int dot = message.indexOf(": ") < 0 ? -1 : message.lastIndexOf('.', message.indexOf(": "));
      String builderKey = dot < 0 ? "" : message.substring(0, dot + 1);
      if (!builderKey.startsWith("checks.")) {
        throw bad;
      }
      throw new IllegalArgumentException(message.replace(builderKey, checkKey(name) + "."), bad);
    }
  }

  /**
   * Returns {@code check} as the settings of {@code keys} (nearest first) make it, if enabled:
   * each setting from the nearest name that sets it.
   */
  private Optional<Check> configure(Check check, List<String> keys) {
    if (!keys.stream().allMatch(key -> checks.get(key).enabled())) {
      return Optional.empty();
    }
    return Optional.of(applied(check.toBuilder(), keys).build());
  }

  /** Returns {@code builder} with each setting from the nearest of {@code keys} that sets it. */
  private Check.Builder applied(Check.Builder builder, List<String> keys) {
    Set<Group> groups = nearest(keys, "groups");
    if (groups != null) {
      List<Group> ordered = new ArrayList<>(groups);
      builder.groups(ordered.get(0), ordered.subList(1, ordered.size()).toArray(new Group[0]));
    }
    Duration timeout = nearest(keys, "timeout");
    if (timeout != null) {
      builder.timeout(timeout);
    }
    Integer failures = nearest(keys, "failure-threshold");
    if (failures != null) {
      builder.failureThreshold(failures);
    }
    Integer successes = nearest(keys, "success-threshold");
    if (successes != null) {
      builder.successThreshold(successes);
    }
    Duration refreshEvery = nearest(keys, "refresh-every");
    if (refreshEvery != null) {
      builder.refreshEvery(refreshEvery);
    }
    Duration maxAge = nearest(keys, "max-age");
    if (maxAge != null) {
      builder.maxAge(maxAge);
    }
    return builder;
  }

  /** Returns the value of {@code setting} that the nearest of {@code keys} sets, or null. */
  private <T> T nearest(List<String> keys, String setting) {
    return keys.stream().map(key -> checks.get(key).<T>get(setting))
        .filter(value -> value != null).findFirst().orElse(null);
  }

  /** The settings of one check name, by {@link #CHECK_SETTINGS}' names; those unset are absent. */
  record CheckSettings(Map<String, Object> values) {
    static final CheckSettings NONE = new CheckSettings(Map.of());

    CheckSettings with(String setting, Object value) {
      Map<String, Object> more = new TreeMap<>(values); // sorted: errors name the same one each time
      more.put(setting, value);
      return new CheckSettings(Collections.unmodifiableMap(more));
    }

    @SuppressWarnings("unchecked")
    <T> T get(String setting) {
      return (T) values.get(setting);
    }

    boolean enabled() {
      return !Boolean.FALSE.equals(values.get("enabled"));
    }

    void putInto(String key, Map<String, String> all) {
      values.forEach((setting, value) -> all.put(key + "." + setting, value instanceof Set<?> groups
          ? String.join(",", groups.stream()
              .map(group -> ((Group) group).name().toLowerCase(Locale.ROOT)).toList())
          : value.toString()));
    }
  }
}
