package dev.isoprobe.spring;

import java.time.Duration;

/** Argument checks whose messages name the property, its value and what was expected. */
final class Settings {

  private Settings() {}

  /**
   * Runs a core builder call that validates {@code value}, and gives its argument error the name
   * of the property that fed it: the core's {@code "deadline: PT0S (expected: > 0)"} becomes
   * {@code "isoprobe.timeout: PT0S (expected: > 0)"}, so the bounds live in one place.
   */
  static void validate(String property, Object value, Runnable coreCheck) {
    required(property, value);
    try {
      coreCheck.run();
    } catch (IllegalArgumentException bad) {
      String message = String.valueOf(bad.getMessage());
      int colon = message.indexOf(": ");
      throw new IllegalArgumentException(
          property + (colon < 0 ? ": " + value + " (" + message + ")" : message.substring(colon)), bad);
    }
  }

  static <T> T required(String property, T value) {
    if (value == null) {
      throw new IllegalArgumentException(property + ": empty (expected: a value)");
    }
    return value;
  }

  static Duration between(String property, Duration value, Duration min, Duration max) {
    required(property, value);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          property + ": " + value + " (expected: " + min + " to " + max + ")");
    }
    return value;
  }
}
