/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One setting, declared once in {@link Settings}: its name, its type, its default and its bounds.
 * Properties are read by {@link #read}, values given in code are checked by {@link #check}: both
 * against the same bounds, each refusal naming the setting as its caller names it. Compared by
 * identity: each is one row of the table.
 *
 * @param <T> the type of its values
 */
final class Setting<T> {

  private final String name;
  private final String codeName;
  private final Type<T> type;
  private final String defaultText;
  private final List<Bound<T>> bounds;

  private Setting(String name, String codeName, Type<T> type, String defaultText,
      List<Bound<T>> bounds) {
    this.name = name;
    this.codeName = codeName;
    this.type = type;
    this.defaultText = defaultText;
    this.bounds = bounds;
  }

  /** A setting with no bounds, named alike in code and properties. */
  static <T> Setting<T> of(String name, Type<T> type, String defaultText) {
    return new Setting<>(name, name, type, defaultText, List.of());
  }

  /** Returns this setting as code names it, {@code deadline} where properties say {@code timeout}. */
  Setting<T> inCode(String codeName) {
    return new Setting<>(name, codeName, type, defaultText, bounds);
  }

  /** Returns this setting with no default: a check's own, which defaults to the probes'. */
  Setting<T> withoutDefault() {
    return new Setting<>(name, codeName, type, null, bounds);
  }

  /** Returns this setting, whose values must also be within {@code bound}. */
  Setting<T> within(Bound<T> bound) {
    List<Bound<T>> all = new ArrayList<>(bounds);
    all.add(bound);
    return new Setting<>(name, codeName, type, defaultText, List.copyOf(all));
  }

  /**
   * Returns the key as properties write it, less {@code isoprobe.} (and, for a check's setting,
   * less {@code isoprobe.checks.<name>.}).
   */
  String name() {
    return name;
  }

  /** Returns the setting as builders' messages name it. */
  String codeName() {
    return codeName;
  }

  /** Returns how a value is read from text and written back. */
  Type<T> type() {
    return type;
  }

  /**
   * Returns the default as properties write it; null for a check's settings, which default to
   * the probes' own.
   */
  String defaultText() {
    return defaultText;
  }

  /** Reads {@code text} as properties write it, refusing it as they name this setting. */
  T read(String text) {
    return within(type.read(SettingNames.PROPERTIES.of(this), text), SettingNames.PROPERTIES,
        names -> names.of(this));
  }

  /** Reads, without its bounds, the setting of the check {@code check} from {@code text}. */
  T parse(String check, String text) {
    return type.read(SettingNames.PROPERTIES.of(this, check), text);
  }

  /** Checks a value of the check {@code check} read from properties. */
  T checkProperty(String check, T value) {
    return within(value, SettingNames.PROPERTIES, names -> names.of(this, check));
  }

  /** Checks a value given in code, refusing it as code names this setting. */
  T check(T value) {
    Objects.requireNonNull(value, codeName);
    return within(value, SettingNames.CODE, names -> names.of(this));
  }

  /** Checks a value given in code for the check {@code check}. */
  T check(String check, T value) {
    Objects.requireNonNull(value, "checks." + check + "." + codeName);
    return within(value, SettingNames.CODE, names -> names.of(this, check));
  }

  /**
   * Returns the refusal, by a builder, of {@code value} for a reason that lies beyond this
   * setting: {@code expected} names settings as it is told to.
   */
  InvalidSettingException refused(T value, Function<SettingNames, String> expected) {
    return InvalidSettingException.of(SettingNames.CODE,
        new InvalidSettingException.Naming(names -> names.of(this), expected), type.shown(value));
  }

  /**
   * Returns the refusal, by a builder, of {@code value} for the check {@code check}, for a reason
   * that lies beyond this setting: {@code expected} names settings as it is told to.
   */
  InvalidSettingException refused(String check, T value,
      Function<SettingNames, String> expected) {
    return InvalidSettingException.of(SettingNames.CODE,
        new InvalidSettingException.Naming(names -> names.of(this, check), expected),
        type.shown(value));
  }

  private T within(T value, SettingNames names, Function<SettingNames, String> key) {
    for (Bound<T> bound : bounds) {
      String expected = bound.expected(value);
      if (expected != null) {
        throw InvalidSettingException.of(names,
            new InvalidSettingException.Naming(key, anyNames -> expected), type.shown(value));
      }
    }
    return value;
  }

  /** How values of a setting are read from properties and shown. */
  interface Type<T> {
    /** Reads {@code text}, refusing it as {@code key}. */
    T read(String key, String text);

    /** Returns {@code value} as properties write it. */
    default String written(T value) {
      return String.valueOf(value);
    }

    /** Returns {@code value} as a refusal shows it. */
    default String shown(T value) {
      return String.valueOf(value);
    }
  }

  /** What values of a setting must be. */
  interface Bound<T> {
    /** Returns what was expected, if {@code value} is not within this bound; null if it is. */
    String expected(T value);

    static Bound<Integer> between(int min, int max) {
      return value -> value < min || value > max ? min + " to " + max : null;
    }

    static Bound<Duration> positive() {
      return value -> value.isNegative() || value.isZero() ? "> 0" : null;
    }

    static Bound<Duration> notNegative() {
      return value -> value.isNegative() ? ">= 0" : null;
    }

    static Bound<Duration> atLeast(Duration min) {
      return value -> value.compareTo(min) < 0 ? ">= " + min : null;
    }

    static Bound<Duration> atMost(Duration max) {
      return value -> value.compareTo(max) > 0 ? "<= " + max : null;
    }

    static Bound<Duration> between(Duration min, Duration max) {
      return value -> value.compareTo(min) < 0 || value.compareTo(max) > 0
          ? min + " to " + max : null;
    }
  }
}
