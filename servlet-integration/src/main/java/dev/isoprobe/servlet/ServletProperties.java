/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.servlet;

import dev.isoprobe.internal.ModuleProperties;
import dev.isoprobe.internal.ModuleProperties.Property;
import java.util.List;
import java.util.Map;

/**
 * The properties this module reads, and no other: read with the core's settings, from the same
 * sources ({@link dev.isoprobe.ProbesConfig#load(Map)}), refused in the same words.
 */
final class ServletProperties {

  /** Whether {@link IsoprobeInitializer} adds the filter to the web application by itself. */
  static final Property REGISTER_FILTER = Property.flag("register-filter");
  /** The {@link CheckProvider} classes whose checks the filter runs, besides those found. */
  static final Property CHECK_PROVIDERS = Property.names("check-providers");

  private static final List<Property> ALL = List.of(REGISTER_FILTER, CHECK_PROVIDERS);

  private ServletProperties() {}

  /**
   * Returns the core's settings and this module's properties, {@code overrides} (init-parameters)
   * highest.
   *
   * @throws dev.isoprobe.InvalidSettingException naming the key and where it was set, if a value
   *     is bad
   */
  static ModuleProperties.Loaded load(Map<String, String> overrides) {
    return ModuleProperties.load(overrides, ALL);
  }
}
