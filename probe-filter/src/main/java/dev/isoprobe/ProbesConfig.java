/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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
 * does not have, throws an {@link InvalidSettingException} that names the key, what was expected
 * and where it was set, and never shows the details token's value. Each setting is declared once,
 * with its type, default and bounds, in a table the builders check their values against too.
 * Immutable.
 */
public final class ProbesConfig {

  /** The prefix of every key. */
  public static final String PREFIX = "isoprobe.";

  static final String CHECKS = PREFIX + "checks";
  static final String DEADLOCK = "deadlock";
  private static final String CHECK_SETTINGS_TEXT = String.join("|",
      Settings.OF_A_CHECK.stream().map(Setting::name).toList());

  private final Map<Setting<?>, Object> values;
  private final Map<String, CheckSettings> checks;

  private ProbesConfig(Map<Setting<?>, Object> values, Map<String, CheckSettings> checks) {
    this.values = values;
    this.checks = checks;
  }

  /**
   * Returns the settings {@code properties} give, every other one at its default. Keys outside
   * {@code isoprobe.*} are ignored.
   *
   * @throws InvalidSettingException if a value is bad or an {@code isoprobe.*} key is not one
   *     of isoprobe's
   */
  public static ProbesConfig from(Map<String, String> properties) {
    Map<String, ConfigSources.Written> settings = new LinkedHashMap<>();
    properties.forEach((key, value) -> settings.put(key, new ConfigSources.Written(value, null)));
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
   * @throws InvalidSettingException naming the key and where it was set, if a value is bad
   */
  public static ProbesConfig load(Map<String, String> overrides) {
    return parse(ConfigSources.read(overrides, System.getProperties(), System.getenv(),
        Thread.currentThread().getContextClassLoader()));
  }

  /** Returns the settings {@code settings} give, lowest precedence first. */
  static ProbesConfig parse(Map<String, ConfigSources.Written> settings) {
    Map<Setting<?>, String> texts = new HashMap<>();
    Map<String, String> origins = new HashMap<>();
    Map<String, CheckSettings> checks = new TreeMap<>();
    settings.forEach((key, setting) -> {
      try {
        String named = put(key, setting.value(), texts, checks);
        if (named != null && setting.origin() != null) {
          origins.put(named, setting.origin());
        }
      } catch (InvalidSettingException bad) {
        throw bad.setBy(setting.origin());
      }
    });
    try {
      return new ProbesConfig(read(texts), Map.copyOf(checks)).validated();
    } catch (InvalidSettingException bad) {
      throw bad.setBy(origins.get(bad.key()));
    }
  }

  /** Returns every key but the per-check ones ({@code isoprobe.checks.<name>.*}), sorted. */
  public static Set<String> keys() {
    return Settings.OF_PROBES.stream().map(SettingNames.PROPERTIES::of)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Returns if {@code setting}, in any of the forms keys take, is a setting of one check. */
  static boolean isCheckSetting(String setting) {
    return checkSetting(setting) != null;
  }

  /** Returns the setting of one check that {@code setting} names, in any form, or null. */
  private static Setting<?> checkSetting(String setting) {
    return known(Settings.OF_A_CHECK, setting);
  }

  private static Setting<?> known(List<Setting<?>> settings, String name) {
    String uniform = ConfigValues.uniform(name);
    return settings.stream().filter(known -> ConfigValues.uniform(known.name()).equals(uniform))
        .findFirst().orElse(null);
  }

  /**
   * Records one setting, a check's read at once; returns its key as refusals name it, or null
   * for a key not ours.
   */
  private static String put(String key, String value, Map<Setting<?>, String> texts,
      Map<String, CheckSettings> checks) {
    if (!key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String text = value == null ? "" : value.trim();
    if (key.regionMatches(true, 0, CHECKS, 0, CHECKS.length()) && key.length() > CHECKS.length()
        && (key.charAt(CHECKS.length()) == '.' || key.charAt(CHECKS.length()) == '[')) {
      return putCheck(key, text, checks);
    }
    Setting<?> setting = known(Settings.OF_PROBES, key.substring(PREFIX.length()));
    if (setting == null) {
      throw InvalidSettingException.unknown(key, "not a setting of isoprobe", "expected one of: "
          + String.join(", ", keys()) + ", " + CHECKS + ".<name>." + CHECK_SETTINGS_TEXT);
    }
    texts.put(setting, text);
    return SettingNames.PROPERTIES.of(setting);
  }

  /** Reads {@code isoprobe.checks.<name>.<setting>} or {@code isoprobe.checks[<name>].<setting>}. */
  private static String putCheck(String key, String value, Map<String, CheckSettings> checks) {
    String rest = key.substring(CHECKS.length());
    String name;
    String written;
    if (rest.startsWith("[") && rest.indexOf("].") > 1) {
      name = rest.substring(1, rest.indexOf("]."));
      written = rest.substring(rest.indexOf("].") + 2);
    } else if (rest.startsWith(".") && rest.lastIndexOf('.') > 1) {
      name = rest.substring(1, rest.lastIndexOf('.'));
      written = rest.substring(rest.lastIndexOf('.') + 1);
    } else {
      throw InvalidSettingException.unknown(key, "not a setting of isoprobe",
          "expected: " + CHECKS + ".<name>." + CHECK_SETTINGS_TEXT);
    }
    Setting<?> setting = checkSetting(written);
    if (setting == null) {
      throw InvalidSettingException.unknown(key, "not a setting of a check",
          "expected: " + checkKey(name) + "." + CHECK_SETTINGS_TEXT);
    }
    checks.put(name, checks.getOrDefault(name, CheckSettings.NONE)
        .with(setting, setting.parse(name, value)));
    return SettingNames.PROPERTIES.of(setting, name);
  }

  /** The key of a check's settings: a name with {@code /} only in brackets, as Spring has it. */
  static String checkKey(String name) {
    return name.indexOf('/') < 0 ? CHECKS + "." + name : CHECKS + "[" + name + "]";
  }

  /** Reads every setting of the probes, in the table's order, each checked against its bounds. */
  private static Map<Setting<?>, Object> read(Map<Setting<?>, String> texts) {
    Map<Setting<?>, Object> values = new HashMap<>();
    for (Setting<?> setting : Settings.OF_PROBES) {
      values.put(setting, setting.read(texts.getOrDefault(setting, setting.defaultText())));
    }
    return values;
  }

  /** Checks each check's settings now, so a bad one fails where it was read. */
  private ProbesConfig validated() {
    Duration deadline = get(Settings.TIMEOUT);
    checks.forEach((name, settings) -> settings.validate(name, deadline));
    return this;
  }

  @SuppressWarnings("unchecked")
  private <T> T get(Setting<T> setting) {
    return (T) values.get(setting);
  }

  /** Returns whether isoprobe serves the probe paths ({@code isoprobe.enabled}). */
  public boolean enabled() {
    return get(Settings.ENABLED);
  }

  /** Returns {@code isoprobe.shutdown.drain-delay}: how long readiness answers 503 draining. */
  public Duration drainDelay() {
    return get(Settings.DRAIN_DELAY);
  }

  /** Returns {@code isoprobe.shutdown.timeout}: the bound on answering probes in flight. */
  public Duration shutdownTimeout() {
    return get(Settings.SHUTDOWN_TIMEOUT);
  }

  /**
   * Returns {@code isoprobe.register-filter}: whether isoprobe's {@code ServletContainerInitializer}
   * adds the probe filter to a web application by itself.
   */
  public boolean registerFilter() {
    return get(Settings.REGISTER_FILTER);
  }

  /** Returns the class names {@code isoprobe.check-providers} lists, in order. */
  public List<String> checkProviders() {
    return get(Settings.CHECK_PROVIDERS);
  }

  /**
   * Returns who sees details under {@code isoprobe.details=when-authorized} as the properties
   * say: a caller in one of {@code isoprobe.details-roles}, or one that sends
   * {@code isoprobe.details-token.value} in {@code isoprobe.details-token.header}; empty when
   * neither is set.
   */
  public Optional<DetailsAuthorizer> detailsAuthorizer() {
    List<DetailsAuthorizer> any = new ArrayList<>();
    get(Settings.DETAILS_ROLES).forEach(role -> any.add(DetailsAuthorizer.role(role)));
    String token = get(Settings.DETAILS_TOKEN_VALUE);
    if (!token.isEmpty()) {
      any.add(DetailsAuthorizer.headerToken(get(Settings.DETAILS_TOKEN_HEADER), token));
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
   * and a disabled composite disables its members. The caller may go on configuring the builder,
   * and builds it with {@link #build(Probes.Builder)}.
   *
   * @throws InvalidSettingException if a check's settings name no check among {@code checks}
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
      asProperties(() -> configure(check, keys)).ifPresent(builder::check);
    }
    if (!unused.isEmpty()) {
      throw InvalidSettingException.unknown(checkKey(unused.iterator().next()),
          "no check has this name", "known: " + String.join(", ", names)
          + "; a name with '/' is written in brackets: " + CHECKS + "[db/primary].timeout");
    }
    detailsAuthorizer().ifPresent(builder::detailsAuthorizer);
    return builder;
  }

  /**
   * Returns the probes {@code builder} builds: one of {@link #builder(Collection)}, configured
   * further by the caller.
   *
   * @throws InvalidSettingException naming the setting as properties name it, if settings do
   *     not fit together (two paths alike, two checks of one name)
   */
  public Probes build(Probes.Builder builder) {
    return asProperties(builder::build);
  }

  /**
   * Returns every setting as a property, the token's value masked as {@code ***}: what is in
   * effect, for a startup log line or a comparison.
   */
  public Map<String, String> asMap() {
    Map<String, String> all = new TreeMap<>();
    Settings.OF_PROBES.forEach(setting -> all.put(SettingNames.PROPERTIES.of(setting),
        written(setting, values.get(setting))));
    checks.forEach((name, settings) -> settings.putInto(name, all));
    return all;
  }

  @SuppressWarnings("unchecked")
  private static <T> String written(Setting<T> setting, Object value) {
    return setting.type().written((T) value);
  }

  @Override
  public String toString() {
    return "ProbesConfig" + asMap();
  }

  private Probes.Builder apply(Probes.Builder builder) {
    return builder.deadline(get(Settings.TIMEOUT)).warmUp(get(Settings.WARM_UP))
        .executorThreads(get(Settings.EXECUTOR_THREADS))
        .queueCapacity(get(Settings.QUEUE_CAPACITY))
        .livenessThreads(get(Settings.LIVENESS_THREADS))
        .failureThreshold(get(Settings.FAILURE_THRESHOLD))
        .successThreshold(get(Settings.SUCCESS_THRESHOLD))
        .livenessPath(get(Settings.LIVENESS_PATH)).readinessPath(get(Settings.READINESS_PATH))
        .startupPath(get(Settings.STARTUP_PATH)).healthPath(get(Settings.HEALTH_PATH))
        .showDetails(get(Settings.DETAILS))
        .logErrorMessages(get(Settings.LOG_ERROR_MESSAGES) == LogErrorMessages.REDACTED);
  }

  /** What the line logged when a check fails shows of its exception's message. */
  enum LogErrorMessages { REDACTED, NONE }

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

  /** Returns what {@code building} returns, a refusal named as properties name settings. */
  private static <T> T asProperties(Supplier<T> building) {
    try {
      return building.get();
    } catch (InvalidSettingException bad) {
      throw bad.asProperty();
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
    Check.Builder builder = check.toBuilder();
    Set<Group> groups = nearest(keys, Settings.CHECK_GROUPS);
    if (groups != null) {
      List<Group> ordered = new ArrayList<>(groups);
      builder.groups(ordered.get(0), ordered.subList(1, ordered.size()).toArray(new Group[0]));
    }
    Duration timeout = nearest(keys, Settings.CHECK_TIMEOUT);
    if (timeout != null) {
      builder.timeout(timeout);
    }
    Integer failures = nearest(keys, Settings.CHECK_FAILURE_THRESHOLD);
    if (failures != null) {
      builder.failureThreshold(failures);
    }
    Integer successes = nearest(keys, Settings.CHECK_SUCCESS_THRESHOLD);
    if (successes != null) {
      builder.successThreshold(successes);
    }
    Duration refreshEvery = nearest(keys, Settings.REFRESH_EVERY);
    if (refreshEvery != null) {
      builder.refreshEvery(refreshEvery);
    }
    Duration maxAge = nearest(keys, Settings.MAX_AGE);
    if (maxAge != null) {
      builder.maxAge(maxAge);
    }
    return Optional.of(builder.build());
  }

  /** Returns the value of {@code setting} that the nearest of {@code keys} sets, or null. */
  private <T> T nearest(List<String> keys, Setting<T> setting) {
    return keys.stream().map(key -> checks.get(key).get(setting))
        .filter(value -> value != null).findFirst().orElse(null);
  }

  /** The settings of one check name; those unset are absent. */
  record CheckSettings(Map<Setting<?>, Object> values) {
    static final CheckSettings NONE = new CheckSettings(Map.of());

    CheckSettings with(Setting<?> setting, Object value) {
      Map<Setting<?>, Object> more = new HashMap<>(values);
      more.put(setting, value);
      return new CheckSettings(Map.copyOf(more));
    }

    @SuppressWarnings("unchecked")
    <T> T get(Setting<T> setting) {
      return (T) values.get(setting);
    }

    boolean enabled() {
      return !Boolean.FALSE.equals(values.get(Settings.CHECK_ENABLED));
    }

    /**
     * Checks the settings of the check {@code name} against their bounds, in the table's
     * order so that a refusal names the same one each time; {@code deadline} bounds its timeout.
     */
    void validate(String name, Duration deadline) {
      for (Setting<?> setting : Settings.OF_A_CHECK) {
        Object value = values.get(setting);
        if (value == null) {
          continue;
        }
        String key = SettingNames.PROPERTIES.of(setting, name);
        if (name.equals(DEADLOCK) && setting != Settings.CHECK_ENABLED) {
          throw InvalidSettingException.of(key, "set", "only 'enabled'; the built-in deadlock "
              + "check takes no other setting");
        }
        if (setting == Settings.CHECK_TIMEOUT && (deadline.compareTo((Duration) value) < 0
            || ((Duration) value).isNegative() || ((Duration) value).isZero())) {
          throw InvalidSettingException.of(key, value.toString(),
              "> 0 and <= " + SettingNames.PROPERTIES.of(Settings.TIMEOUT) + " (" + deadline + ")");
        }
        checkProperty(setting, name, value);
      }
    }

    @SuppressWarnings("unchecked")
    private static <T> void checkProperty(Setting<T> setting, String name, Object value) {
      setting.checkProperty(name, (T) value);
    }

    void putInto(String name, Map<String, String> all) {
      values.forEach((setting, value) ->
          all.put(SettingNames.PROPERTIES.of(setting, name), written(setting, value)));
    }
  }
}
