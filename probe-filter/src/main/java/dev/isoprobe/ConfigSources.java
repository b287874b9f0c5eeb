/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Gathers {@code isoprobe.*} settings from the sources {@link ProbesConfig#load(Map)} reads, in
 * its order of precedence, each with where it was set so a bad value's message can say so.
 */
final class ConfigSources {

  /** The file name looked up at the root of the class path. */
  static final String FILE = "isoprobe.properties";
  /** The key naming a properties file to read, set in a source above the files. */
  static final String CONFIG_FILE = SettingNames.PROPERTIES.of(Settings.CONFIG_FILE);
  private static final String ENV_PREFIX = "ISOPROBE_";
  private static final String ENV_CHECKS = ENV_PREFIX + "CHECKS_";

  /** One setting as written: its text, and where it came from (null: from code). */
  record Written(String value, String origin) {}

  private ConfigSources() {}

  /**
   * Returns the settings of every source, lowest precedence first, so later ones win; of the
   * environment's variables, those of {@code keys} ({@link ProbesConfig#keys()}, and another
   * module's) and of the checks' settings.
   */
  static Map<String, Written> read(Map<String, String> overrides, Properties system,
      Map<String, String> environment, ClassLoader loader, Set<String> keys) {
    Map<String, Written> above = new LinkedHashMap<>();
    environment(environment, keys).forEach(above::put);
    for (String key : system.stringPropertyNames()) {
      if (isOurs(key)) {
        put(above, key, new Written(system.getProperty(key), "system property " + key));
      }
    }
    overrides.forEach((key, value) -> {
      if (isOurs(key)) {
        put(above, key, new Written(value, "init-parameter " + key));
      }
    });

    Map<String, Written> all = new LinkedHashMap<>();
    URL resource = loader == null ? null : loader.getResource(FILE);
    if (resource != null) {
      file(resource, all);
    }
    Written named = configFile(above);
    if (named != null && !named.value().isBlank()) {
      file(named, all);
    }
    above.forEach((key, setting) -> put(all, key, setting));
    return all;
  }

  private static boolean isOurs(String key) {
    return key.regionMatches(true, 0, ProbesConfig.PREFIX, 0, ProbesConfig.PREFIX.length());
  }

  /** Puts {@code setting} last, so that it wins over whatever spelling of its key came before. */
  private static void put(Map<String, Written> settings, String key, Written setting) {
    settings.remove(key);
    settings.put(key, setting);
  }

  private static Written configFile(Map<String, Written> above) {
    Written named = null;
    for (Map.Entry<String, Written> entry : above.entrySet()) {
      if (ConfigValues.uniform(entry.getKey()).equals(ConfigValues.uniform(CONFIG_FILE))) {
        named = entry.getValue();
      }
    }
    return named;
  }

  /**
   * Returns the settings the environment gives, as Spring Boot maps variables to keys:
   * {@code ISOPROBE_EXECUTOR_QUEUECAPACITY} is {@code isoprobe.executor.queue-capacity}. Only
   * variables that name a setting count: Kubernetes sets {@code ISOPROBE_SERVICE_HOST} and
   * others for a Service named {@code isoprobe}.
   */
  private static Map<String, Written> environment(Map<String, String> environment,
      Set<String> keys) {
    Map<String, Written> settings = new LinkedHashMap<>();
    for (String key : keys) {
      String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
      String value = environment.get(variable);
      if (value != null) {
        settings.put(key, new Written(value, "environment variable " + variable));
      }
    }
    environment.forEach((variable, value) -> {
      int last = variable.lastIndexOf('_');
      if (variable.startsWith(ENV_CHECKS) && last > ENV_CHECKS.length()
          && ChecksConfig.setting(variable.substring(last + 1)) != null) {
        String name = variable.substring(ENV_CHECKS.length(), last).toLowerCase(Locale.ROOT)
            .replace('_', '.');
        settings.put(ChecksConfig.CHECKS + "." + name + "." + variable.substring(last + 1)
            .toLowerCase(Locale.ROOT), new Written(value, "environment variable " + variable));
      }
    });
    return settings;
  }

  private static void file(Written named, Map<String, Written> into) {
    Path path;
    try {
      path = Path.of(named.value().trim());
    } catch (InvalidPathException bad) {
      throw InvalidSettingException.of(CONFIG_FILE, "'" + Redactor.printable(named.value()) + "'",
          "the path of a properties file").causedBy(bad).setBy(named.origin());
    }
    try (InputStream in = Files.newInputStream(path)) {
      load(in, "file " + path, into);
    } catch (IOException unreadable) {
      throw InvalidSettingException.of(CONFIG_FILE, "'" + path + "'", "a readable properties "
          + "file; " + unreadable.getClass().getSimpleName()).causedBy(unreadable)
          .setBy(named.origin());
    }
  }

  private static void file(URL resource, Map<String, Written> into) {
    try (InputStream in = resource.openStream()) {
      load(in, FILE + " on the class path", into);
    } catch (IOException unreadable) {
      throw new UncheckedIOException(FILE + " on the class path: unreadable", unreadable);
    }
  }

  private static void load(InputStream in, String origin, Map<String, Written> into)
      throws IOException {
    Properties properties = new Properties();
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    for (String key : properties.stringPropertyNames()) {
      if (isOurs(key)) {
        put(into, key, new Written(properties.getProperty(key), origin + " (" + key + ")"));
      }
    }
  }
}
