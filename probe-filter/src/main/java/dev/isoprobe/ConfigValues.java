/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads property values as Spring Boot reads them, with messages that name the key, show the
 * value and say what was expected.
 */
final class ConfigValues {

  /** Spring Boot's simple duration form: a whole number and an optional unit. */
  private static final Pattern SIMPLE_DURATION = Pattern.compile("([+-]?\\d+)([a-zA-Z]{0,2})");

  static final Setting.Type<Boolean> BOOLEAN = ConfigValues::bool;
  static final Setting.Type<Integer> INTEGER = ConfigValues::integer;
  static final Setting.Type<Duration> DURATION = ConfigValues::duration;
  static final Setting.Type<String> TEXT = text(value -> "'" + Redactor.printable(value) + "'");
  /** A header's name, a blank one shown as empty. */
  static final Setting.Type<String> HEADER =
      text(value -> value.isBlank() ? "''" : "'" + Redactor.printable(value) + "'");
  /** A probe path, shown as written. */
  static final Setting.Type<String> PATH = text(value -> "'" + value + "'");
  /** A secret: shown, and written where settings are listed, by its length alone. */
  static final Setting.Type<String> SECRET = new Setting.Type<>() {
    @Override
    public String read(String key, String text) {
      return text.trim();
    }

    @Override
    public String written(String value) {
      return value.isEmpty() ? "" : "***";
    }

    @Override
    public String shown(String value) {
      return value.length() + " characters";
    }
  };
  /** A comma-separated list, blank elements dropped. */
  static final Setting.Type<List<String>> LIST = new Setting.Type<>() {
    @Override
    public List<String> read(String key, String text) {
      return list(text);
    }

    @Override
    public String written(List<String> value) {
      return String.join(",", value);
    }
  };
  static final Setting.Type<Set<Group>> GROUPS = new Setting.Type<>() {
    @Override
    public Set<Group> read(String key, String text) {
      return groups(key, text);
    }

    @Override
    public String written(Set<Group> value) {
      return String.join(",", value.stream().map(ConfigValues::name).toList());
    }
  };

  private ConfigValues() {}

  private static Setting.Type<String> text(Function<String, String> shown) {
    return new Setting.Type<>() {
      @Override
      public String read(String key, String text) {
        return text.trim();
      }

      @Override
      public String shown(String value) {
        return shown.apply(value);
      }
    };
  }

  /**
   * Returns a comma-separated list of {@code what} (as "role names"), an empty one refused, and
   * each checked by {@code each}, which owns what one must be.
   */
  static Setting.Type<List<String>> names(String what, Consumer<String> each) {
    return new Setting.Type<>() {
      @Override
      public List<String> read(String key, String text) {
        List<String> names = list(text);
        if (!text.isEmpty() && text.split(",", -1).length != names.size()) {
          throw InvalidSettingException.of(key, "'" + Redactor.printable(text) + "'",
              what + ", none blank");
        }
        names.forEach(each);
        return names;
      }

      @Override
      public String written(List<String> value) {
        return String.join(",", value);
      }
    };
  }

  /** Returns the type of settings whose values are the constants of {@code type}. */
  static <E extends Enum<E>> Setting.Type<E> choiceOf(Class<E> type) {
    return new Setting.Type<>() {
      @Override
      public E read(String key, String text) {
        return choice(key, text, type);
      }

      @Override
      public String written(E value) {
        return name(value);
      }
    };
  }

  /**
   * Returns the form two keys are compared in: lower case, without {@code -} or {@code _}, as
   * Spring's relaxed binding compares them ({@code queueCapacity} is {@code queue-capacity}).
   */
  static String uniform(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  static Duration duration(String key, String text) {
    String value = text.trim();
    try {
      Matcher simple = SIMPLE_DURATION.matcher(value);
      if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        return switch (simple.group(2).toLowerCase(Locale.ROOT)) {
          case "", "ms" -> Duration.ofMillis(amount);
          case "ns" -> Duration.ofNanos(amount);
          case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1_000L));
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          case "d" -> Duration.ofDays(amount);
          default -> throw notA(key, value, "duration such as 800ms, 5s, 1m or PT0.8S");
        };
      }
      return Duration.parse(value);
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException bad) {
      throw notA(key, value, "duration such as 800ms, 5s, 1m or PT0.8S");
    }
  }

  static int integer(String key, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException bad) {
      throw notA(key, text, "whole number");
    }
  }

  /** Reads {@code true} or {@code false} (or {@code on}, {@code yes}, {@code 1} and their opposites). */
  static boolean bool(String key, String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw notA(key, text, "true or false");
    };
  }

  /** Reads a constant of {@code type} in any case, with {@code -} or {@code _} between words. */
  static <E extends Enum<E>> E choice(String key, String text, Class<E> type) {
    String wanted = uniform(text.trim());
    for (E constant : type.getEnumConstants()) {
      if (uniform(constant.name()).equals(wanted)) {
        return constant;
      }
    }
    throw notA(key, text, "one of " + String.join(", ",
        Arrays.stream(type.getEnumConstants()).map(ConfigValues::name).toList()));
  }

  /** Returns a constant as properties write it: {@code WHEN_AUTHORIZED} is {@code when-authorized}. */
  static String name(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Reads a comma-separated list, each element trimmed, empty ones dropped. */
  static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
  }

  static Set<Group> groups(String key, String text) {
    List<String> names = list(text);
    if (names.isEmpty()) {
      throw notA(key, text, "one or more of liveness, readiness, startup");
    }
    Set<Group> groups = EnumSet.noneOf(Group.class);
    for (String name : names) {
      groups.add(choice(key, name, Group.class));
    }
    return groups;
  }

  private static InvalidSettingException notA(String key, String text, String expected) {
    String article = expected.startsWith("one") || expected.startsWith("true") ? "" : "a ";
    return InvalidSettingException.of(key, "'" + Redactor.printable(text) + "'",
        article + expected);
  }
}
