/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The settings of single checks, {@code isoprobe.checks.<name>.<setting>}, by check name: read
 * from properties, checked, and applied to the checks they name. A composite's name
 * ({@code db}) sets each member ({@code db/primary}) that has no setting of its own, and a
 * disabled composite disables its members. Filled while properties are read, then not changed.
 */
final class ChecksConfig {

  static final String CHECKS = ProbesConfig.PREFIX + "checks";
  static final String DEADLOCK = "deadlock";
  /** A check's settings, as messages that list them write them. */
  private static final String SETTINGS = String.join("|",
      Settings.OF_A_CHECK.stream().map(Setting::name).toList());
  /** The keys of a check's settings, as messages that list them write them. */
  static final String KEYS = CHECKS + ".<name>." + SETTINGS;

  private final Map<String, CheckSettings> byName = new TreeMap<>();

  /** Returns if {@code key} is under {@code isoprobe.checks}, in either form a name takes. */
  static boolean isCheckKey(String key) {
    return key.regionMatches(true, 0, CHECKS, 0, CHECKS.length()) && key.length() > CHECKS.length()
        && (key.charAt(CHECKS.length()) == '.' || key.charAt(CHECKS.length()) == '[');
  }

  /** Returns the setting of one check that {@code setting} names, in any form, or null. */
  static Setting<?> setting(String setting) {
    return Settings.named(Settings.OF_A_CHECK, setting);
  }

  /** The key of a check's settings: a name with {@code /} only in brackets, as Spring has it. */
  static String key(String name) {
    return name.indexOf('/') < 0 ? CHECKS + "." + name : CHECKS + "[" + name + "]";
  }

  /**
   * Reads {@code isoprobe.checks.<name>.<setting>} or {@code isoprobe.checks[<name>].<setting>},
   * its bounds checked later ({@link #validate}); returns its key as refusals name it.
   */
  String put(String key, String text) {
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
      throw InvalidSettingException.unknown(key, "not a setting of isoprobe", "expected: " + KEYS);
    }
    Setting<?> setting = setting(written);
    if (setting == null) {
      throw InvalidSettingException.unknown(key, "not a setting of a check",
          "expected: " + key(name) + "." + SETTINGS);
    }
    byName.put(name, byName.getOrDefault(name, CheckSettings.NONE)
        .with(setting, setting.parse(name, text)));
    return SettingNames.PROPERTIES.of(setting, name);
  }

  /**
   * Checks every name's settings against their bounds; {@code deadline}, the probes', bounds
   * each timeout.
   */
  void validate(Duration deadline) {
    byName.forEach((name, settings) -> settings.validate(name, deadline));
  }

  /**
   * Adds {@code checks} to {@code builder}, each as its settings make it (left out when
   * disabled), and turns the built-in deadlock check on or off.
   *
   * @throws InvalidSettingException if settings name no check among {@code checks} (or the
   *     built-in {@code deadlock}), or do not fit the check they name
   */
  void addTo(Probes.Builder builder, Collection<Check> checks) {
    Set<String> unused = new TreeSet<>(byName.keySet());
    unused.remove(DEADLOCK);
    builder.deadlockCheck(byName.getOrDefault(DEADLOCK, CheckSettings.NONE).enabled());
    Set<String> names = new TreeSet<>(List.of(DEADLOCK));
    for (Check check : checks) {
      names.add(check.name());
      List<String> keys = settingsKeys(check.name());
      unused.removeAll(keys);
      configure(check, keys).ifPresent(builder::check);
    }
    if (!unused.isEmpty()) {
      throw InvalidSettingException.unknown(key(unused.iterator().next()),
          "no check has this name", "known: " + String.join(", ", names)
          + "; a name with '/' is written in brackets: " + CHECKS + "[db/primary].timeout");
    }
  }

  /** Puts every setting into {@code all}, as properties write them. */
  void putInto(Map<String, String> all) {
    byName.forEach((name, settings) -> settings.putInto(name, all));
  }

  /**
   * Returns the names whose settings apply to the check {@code name}, nearest first: its own,
   * then those of each composite it is a member of ({@code db} for {@code db/primary}).
   */
  private List<String> settingsKeys(String name) {
    List<String> keys = new ArrayList<>();
    for (String key = name; ; key = key.substring(0, key.lastIndexOf('/'))) {
      if (byName.containsKey(key)) {
        keys.add(key);
      }
      if (key.indexOf('/') < 0) {
        return keys;
      }
    }
  }

  /**
   * Returns {@code check} as the settings of {@code keys} (nearest first) make it, if enabled:
   * each setting from the nearest name that sets it. A refusal names settings as properties do.
   */
  private Optional<Check> configure(Check check, List<String> keys) {
    if (!keys.stream().allMatch(key -> byName.get(key).enabled())) {
      return Optional.empty();
    }
    Check.Builder builder = check.toBuilder();
    Set<Group> groups = nearest(keys, Settings.CHECK_GROUPS);
    if (groups != null) {
      List<Group> ordered = new ArrayList<>(groups);
      builder.groups(ordered.get(0), ordered.subList(1, ordered.size()).toArray(new Group[0]));
    }
    nearest(keys, Settings.CHECK_TIMEOUT, builder::timeout);
    nearest(keys, Settings.CHECK_FAILURE_THRESHOLD, builder::failureThreshold);
    nearest(keys, Settings.CHECK_SUCCESS_THRESHOLD, builder::successThreshold);
    nearest(keys, Settings.REFRESH_EVERY, builder::refreshEvery);
    nearest(keys, Settings.MAX_AGE, builder::maxAge);
    try {
      return Optional.of(builder.build());
    } catch (InvalidSettingException bad) {
      throw bad.asProperty();
    }
  }

  /** Returns the value of {@code setting} that the nearest of {@code keys} sets, or null. */
  private <T> T nearest(List<String> keys, Setting<T> setting) {
    return keys.stream().map(key -> byName.get(key).get(setting))
        .filter(value -> value != null).findFirst().orElse(null);
  }

  /** Hands {@code setting}'s value from the nearest of {@code keys} that sets it to {@code to}. */
  private <T> void nearest(List<String> keys, Setting<T> setting,
      Function<T, Check.Builder> to) {
    T value = nearest(keys, setting);
    if (value != null) {
      to.apply(value);
    }
  }

  /** The settings of one check name; those unset are absent. */
  private record CheckSettings(Map<Setting<?>, Object> values) {
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
     * Checks the settings of the check {@code name} against their bounds, in the table's order,
     * so that a refusal names the same one each time; {@code deadline} bounds its timeout.
     */
    void validate(String name, Duration deadline) {
      if (name.equals(DEADLOCK)) {
        // Named in the same order each time: the first by name.
        values.keySet().stream().filter(setting -> setting != Settings.CHECK_ENABLED)
            .map(Setting::name).sorted().findFirst().ifPresent(other -> {
              throw InvalidSettingException.of(key(name) + "." + other, "set",
                  "only 'enabled'; the built-in deadlock check takes no other setting");
            });
      }
      for (Setting<?> setting : Settings.OF_A_CHECK) {
        Object value = values.get(setting);
        if (value == null) {
          continue;
        }
        String key = SettingNames.PROPERTIES.of(setting, name);
        if (setting == Settings.CHECK_TIMEOUT && !within(deadline, (Duration) value)) {
          throw InvalidSettingException.of(key, value.toString(),
              "> 0 and <= " + SettingNames.PROPERTIES.of(Settings.TIMEOUT) + " (" + deadline + ")");
        }
        checkProperty(setting, name, value);
      }
    }

    private static boolean within(Duration deadline, Duration timeout) {
      return !timeout.isNegative() && !timeout.isZero() && timeout.compareTo(deadline) <= 0;
    }

    @SuppressWarnings("unchecked")
    private static <T> void checkProperty(Setting<T> setting, String name, Object value) {
      setting.checkProperty(name, (T) value);
    }

    void putInto(String name, Map<String, String> all) {
      values.forEach((setting, value) ->
          all.put(SettingNames.PROPERTIES.of(setting, name), Settings.written(setting, value)));
    }
  }
}
