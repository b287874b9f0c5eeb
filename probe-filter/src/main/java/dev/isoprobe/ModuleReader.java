/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import dev.isoprobe.internal.ModuleProperties;
import dev.isoprobe.internal.ModuleProperties.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads another module's properties with the probes' settings, each as the setting of the
 * probes' table its kind makes: the core's reader for {@link ModuleProperties}.
 */
final class ModuleReader implements ModuleProperties.Loaded {

  private final ProbesConfig probes;
  private final Map<Property, Setting<?>> settings;

  private ModuleReader(ProbesConfig probes, Map<Property, Setting<?>> settings) {
    this.probes = probes;
    this.settings = settings;
  }

  /** Reads the probes' settings and {@code properties} as {@link ProbesConfig#load(Map)} does. */
  static ModuleProperties.Loaded load(Map<String, String> overrides, List<Property> properties) {
    Map<Property, Setting<?>> settings = new LinkedHashMap<>();
    for (Property property : properties) {
      settings.put(property, setting(property));
    }
    return new ModuleReader(ProbesConfig.load(overrides, new ArrayList<>(settings.values())),
        settings);
  }

  private static Setting<?> setting(Property property) {
    return switch (property.kind()) {
      case FLAG -> Setting.of(property.name(), ConfigValues.BOOLEAN, property.defaultText());
      case NAMES -> Setting.of(property.name(), ConfigValues.LIST, property.defaultText());
    };
  }

  @Override
  public ProbesConfig probes() {
    return probes;
  }

  @Override
  public boolean flag(Property property) {
    return (Boolean) probes.get(settingOf(property, ModuleProperties.Kind.FLAG));
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<String> names(Property property) {
    return (List<String>) probes.get(settingOf(property, ModuleProperties.Kind.NAMES));
  }

  @Override
  public Map<String, String> asMap() {
    Map<String, String> all = new TreeMap<>(probes.asMap());
    settings.values().forEach(setting -> all.put(SettingNames.PROPERTIES.of(setting),
        Settings.written(setting, probes.get(setting))));
    return all;
  }

  @Override
  public InvalidSettingException refusal(Property property, String value, String expected,
      Throwable cause) {
    Setting<?> setting = settingOf(property, property.kind());
    InvalidSettingException refusal =
        InvalidSettingException.of(SettingNames.PROPERTIES.of(setting), value, expected);
    return (cause == null ? refusal : refusal.causedBy(cause)).setBy(probes.origin(setting));
  }

  private Setting<?> settingOf(Property property, ModuleProperties.Kind kind) {
    Setting<?> setting = settings.get(property);
    if (setting == null || property.kind() != kind) {
      throw new IllegalArgumentException(property + " is not a " + kind + " of this load");
    }
    return setting;
  }
}
