/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import dev.isoprobe.internal.ModuleProperties;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

  static {
    ModuleProperties.reader(ModuleReader::load);
  }

  /** The value of every setting: the probes', and those of another module it was loaded with. */
  private final Map<Setting<?>, Object> values;
  private final ChecksConfig checks;
  /** Where each setting that was set came from, by its key as properties write it. */
  private final Map<String, String> origins;

  private ProbesConfig(Map<Setting<?>, Object> values, ChecksConfig checks,
      Map<String, String> origins) {
    this.values = values;
    this.checks = checks;
    this.origins = origins;
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
    return parse(settings, List.of());
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
    return load(overrides, List.of());
  }

  /**
   * As {@link #load(Map)}, with the settings of another module of isoprobe ({@code module}, see
   * {@link ModuleProperties}) read too.
   */
  static ProbesConfig load(Map<String, String> overrides, List<Setting<?>> module) {
    return parse(ConfigSources.read(overrides, System.getProperties(), System.getenv(),
        Thread.currentThread().getContextClassLoader(), keys(module)), module);
  }

  /**
   * Returns the settings {@code settings} give, lowest precedence first: the probes', and
   * those of {@code module}, another module's, which are no other key of isoprobe's.
   */
  static ProbesConfig parse(Map<String, ConfigSources.Written> settings, List<Setting<?>> module) {
    Map<Setting<?>, String> texts = new HashMap<>();
    Map<String, String> origins = new HashMap<>();
    ChecksConfig checks = new ChecksConfig();
    List<Setting<?>> known = new ArrayList<>(Settings.OF_PROBES);
    known.addAll(module);
    settings.forEach((key, setting) -> {
      try {
        String named = put(key, setting.value(), known, texts, checks);
        if (named != null && setting.origin() != null) {
          origins.put(named, setting.origin());
        }
      } catch (InvalidSettingException bad) {
        throw bad.setBy(setting.origin());
      }
    });
    try {
      Map<Setting<?>, Object> values = read(known, texts);
      checks.validate((Duration) values.get(Settings.TIMEOUT));
      return new ProbesConfig(values, checks, Map.copyOf(origins));
    } catch (InvalidSettingException bad) {
      throw bad.setBy(origins.get(bad.key()));
    }
  }

  /** Returns every key of the probes but the per-check ones ({@code isoprobe.checks.<name>.*}), sorted. */
  static Set<String> keys() {
    return keys(List.of());
  }

  /** As {@link #keys()}, with those of {@code module}, another module's settings. */
  static Set<String> keys(List<Setting<?>> module) {
    return Stream.concat(Settings.OF_PROBES.stream(), module.stream())
        .map(SettingNames.PROPERTIES::of).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Records one setting, a check's read at once; returns its key as refusals name it, or null
   * for a key not ours.
   */
  private static String put(String key, String value, List<Setting<?>> known,
      Map<Setting<?>, String> texts, ChecksConfig checks) {
    if (!key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return null;
    }
    String text = value == null ? "" : value.trim();
    if (ChecksConfig.isCheckKey(key)) {
      return checks.put(key, text);
    }
    Setting<?> setting = Settings.named(known, key.substring(PREFIX.length()));
    if (setting == null) {
      throw InvalidSettingException.unknown(key, "not a setting of isoprobe", "expected one of: "
          + String.join(", ", keys(known.subList(Settings.OF_PROBES.size(), known.size())))
          + ", " + ChecksConfig.KEYS);
    }
    texts.put(setting, text);
    return SettingNames.PROPERTIES.of(setting);
  }

  /** Reads every setting {@code known}, in its order, each checked against its bounds. */
  private static Map<Setting<?>, Object> read(List<Setting<?>> known,
      Map<Setting<?>, String> texts) {
    Map<Setting<?>, Object> values = new HashMap<>();
    for (Setting<?> setting : known) {
      values.put(setting, setting.read(texts.getOrDefault(setting, setting.defaultText())));
    }
    return values;
  }

  /** Returns the value of {@code setting}, one of the probes' or of the module it was loaded with. */
  @SuppressWarnings("unchecked")
  <T> T get(Setting<T> setting) {
    return (T) values.get(setting);
  }

  /** Returns where {@code setting} was set, when it was read from properties; null otherwise. */
  String origin(Setting<?> setting) {
    return origins.get(SettingNames.PROPERTIES.of(setting));
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
    this.checks.addTo(builder, checks);
    detailsAuthorizer().ifPresent(builder::detailsAuthorizer);
    return builder;
  }

  /**
   * Returns the probes {@code builder} builds: one of {@link #builder(Collection)}, configured
   * further by the caller.
   *
   * @throws InvalidSettingException with its key under {@code isoprobe.}, if settings do not
   *     fit together (two paths alike, two checks of one name, a check's timeout beyond the
   *     deadline); what it expected names settings as code sets them, since the caller may have
   *     set them in code
   */
  public Probes build(Probes.Builder builder) {
    try {
      return builder.build();
    } catch (InvalidSettingException bad) {
      throw bad.prefixed();
    }
  }

  /**
   * Returns every setting as a property, the token's value masked as {@code ***}: what is in
   * effect, for a startup log line or a comparison.
   */
  public Map<String, String> asMap() {
    Map<String, String> all = new TreeMap<>();
    Settings.OF_PROBES.forEach(setting -> all.put(SettingNames.PROPERTIES.of(setting),
        Settings.written(setting, values.get(setting))));
    checks.putInto(all);
    return all;
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

  /**
   * What the line logged when a check fails shows of its exception's message
   * ({@code isoprobe.log-error-messages}).
   */
  public enum LogErrorMessages {
    /** The message, redacted; the default. */
    REDACTED,
    /** None of it: the exception's class alone. */
    NONE
  }
}
