/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.Optional;
import java.util.function.Function;

/**
 * A setting isoprobe refuses: which one, the value as it may be shown, what was expected, and,
 * when read from properties, where it was set. Its message says all four, as
 * {@code isoprobe.executor.threads: 0 (expected: 1 to 256), set by environment variable
 * ISOPROBE_EXECUTOR_THREADS}; a builder names the setting as code sets it
 * ({@code executor.threads}), properties as they write it. Neither ever shows a secret: the
 * details token is shown by its length.
 */
public final class InvalidSettingException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String value;
  private final String expected;
  private final String origin;
  /** How to name this refusal's setting again; null when there is one way only. */
  private final transient Naming naming;

  private InvalidSettingException(String key, String value, String expected, String origin,
      Naming naming, String message, Throwable cause) {
    super(message);
    if (cause != null) {
      initCause(cause);
    }
    this.key = key;
    this.value = value;
    this.expected = expected;
    this.origin = origin;
    this.naming = naming;
  }

  /** A refusal of {@code value} (as shown) for {@code key}, which expected {@code expected}. */
  static InvalidSettingException of(String key, String value, String expected) {
    return new InvalidSettingException(key, value, expected, null, null,
        message(key, value, "expected: " + expected), null);
  }

  /**
   * A refusal of {@code value} (as shown) that {@code names} names through {@code naming}, and
   * that {@link #asProperty()} can name again as properties do.
   */
  static InvalidSettingException of(SettingNames names, Naming naming, String value) {
    String key = naming.key().apply(names);
    String expected = naming.expected().apply(names);
    return new InvalidSettingException(key, value, expected, null, naming,
        message(key, value, "expected: " + expected), null);
  }

  /**
   * A refusal by a builder of settings taken together ({@code paths}, {@code checks}), which
   * expected {@code expected}.
   */
  static InvalidSettingException ofTogether(String together, String value, String expected) {
    return of(SettingNames.CODE, new Naming(names -> names.of(together), names -> expected), value);
  }

  /** A key isoprobe does not have: {@code problem}, and {@code detail} lists those it has. */
  static InvalidSettingException unknown(String key, String problem, String detail) {
    return new InvalidSettingException(key, problem, detail, null, null,
        message(key, problem, detail), null);
  }

  /**
   * Returns this refusal as properties name it ({@code checks.db/primary.max-age} becomes
   * {@code isoprobe.checks[db/primary].max-age}); this one if it is named so already.
   */
  InvalidSettingException asProperty() {
    if (naming == null || key.startsWith(ProbesConfig.PREFIX)) {
      return this;
    }
    return of(SettingNames.PROPERTIES, naming, value).causedBy(this);
  }

  /**
   * Returns this refusal by a builder with its key under {@code isoprobe.}, and nothing else
   * renamed: {@code checks.db.timeout} becomes {@code isoprobe.checks.db.timeout}, and what it
   * expected still names the setting as code set it.
   */
  InvalidSettingException prefixed() {
    if (key.startsWith(ProbesConfig.PREFIX)) {
      return this;
    }
    return new InvalidSettingException(ProbesConfig.PREFIX + key, value, expected, origin, null,
        ProbesConfig.PREFIX + getMessage(), this);
  }

  /** Returns this refusal, caused by {@code cause}. */
  InvalidSettingException causedBy(Throwable cause) {
    initCause(cause);
    return this;
  }

  /** Returns this refusal saying where the value was set; this one if that is not known. */
  InvalidSettingException setBy(String origin) {
    if (origin == null || this.origin != null) {
      return this;
    }
    return new InvalidSettingException(key, value, expected, origin, naming,
        getMessage() + ", set by " + origin, this);
  }

  private static String message(String key, String value, String detail) {
    return key + ": " + value + " (" + detail + ")";
  }

  /**
   * Returns the setting, named as where it was refused names it: as code sets it on a builder
   * ({@code executor.threads}), or as properties write it ({@code isoprobe.executor.threads});
   * a key isoprobe does not have, as it was written.
   */
  public String key() {
    return key;
  }

  /**
   * Returns the value as it may be shown (a secret by its length, never the secret); for a key
   * isoprobe does not have, what is wrong with it ({@code not a setting of isoprobe}).
   */
  public String value() {
    return value;
  }

  /** Returns what was expected instead; for a key isoprobe does not have, what it has. */
  public String expected() {
    return expected;
  }

  /** Returns where the value was set, when it was read from properties. */
  public Optional<String> origin() {
    return Optional.ofNullable(origin);
  }

  /** A refusal's setting and what it expected, as either way of naming settings names them. */
  record Naming(Function<SettingNames, String> key, Function<SettingNames, String> expected) {}
}
