/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Group;
import dev.isoprobe.ProbesConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

/**
 * The bridge from Spring's typed binding to the core's {@link ProbesConfig}, which owns every
 * key's bounds and messages: the starter checks a value by handing it to the core.
 */
final class Settings {

  private static final String CHECKS = "isoprobe.checks.";
  /** The core's keys of the probes as a whole, not of one check: its defaults name each. */
  private static final List<String> PROBES_KEYS = ProbesConfig.from(Map.of()).asMap().keySet()
      .stream().filter(key -> !key.startsWith(CHECKS)).toList();
  /** The properties of one check's settings: its fields, each a property of the same name. */
  private static final List<String> CHECK_SETTINGS =
      Arrays.stream(IsoprobeProperties.CheckSettings.class.getDeclaredFields())
          .filter(field -> !Modifier.isStatic(field.getModifiers())).map(Field::getName).toList();

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

  /**
   * Returns the properties the core reads for {@code properties}, as the core writes them. Each of
   * the core's own keys is read from the property at its path
   * ({@code isoprobe.executor.queue-capacity} is {@code getExecutor().getQueueCapacity()}), so no
   * key is listed here: a key the starter has no property for (one that reads files outside Spring,
   * {@code isoprobe.config-file}) is left to the core's default. A check's settings are
   * the properties of {@link IsoprobeProperties.CheckSettings} that are set, by their names; the
   * core refuses a key it does not know, so a property added there and not to the core fails at
   * startup, not silently.
   */
  static Map<String, String> toConfig(IsoprobeProperties properties) {
    Map<String, String> config = new LinkedHashMap<>();
    BeanWrapper bean = PropertyAccessorFactory.forBeanPropertyAccess(properties);
    for (String key : PROBES_KEYS) {
      String path = beanPath(key.substring(ProbesConfig.PREFIX.length()));
      if (bean.isReadableProperty(path)) {
        putIfSet(config, key, bean.getPropertyValue(path));
      }
    }
    properties.getChecks().forEach((name, check) -> {
      // Spring keeps a '/' in a map key only in brackets; the core reads both forms.
      String prefix = name.indexOf('/') < 0 ? CHECKS + name : "isoprobe.checks[" + name + "]";
      BeanWrapper settings = PropertyAccessorFactory.forBeanPropertyAccess(check);
      for (String setting : CHECK_SETTINGS) {
        putIfSet(config, prefix + "." + key(setting), settings.getPropertyValue(setting));
      }
    });
    return config;
  }

  /** {@code executor.queue-capacity} as a bean path: {@code executor.queueCapacity}. */
  private static String beanPath(String key) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '-' && i + 1 < key.length()) {
        path.append(Character.toUpperCase(key.charAt(++i)));
      } else {
        path.append(c);
      }
    }
    return path.toString();
  }

  /** A property's name as a key: {@code refreshEvery} as {@code refresh-every}. */
  private static String key(String property) {
    return property.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }

  /** Leaves a setting that is not set to the core's default for it. */
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
