/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/**
 * The two ways messages name a setting: as code sets it on a builder ({@code deadline},
 * {@code checks.db/primary.max-age}), or as properties write it ({@code isoprobe.timeout},
 * {@code isoprobe.checks[db/primary].max-age}).
 */
enum SettingNames {
  CODE,
  PROPERTIES;

  /** Returns the name of {@code setting}, one of the probes' settings. */
  String of(Setting<?> setting) {
    return this == CODE ? setting.codeName() : ProbesConfig.PREFIX + setting.name();
  }

  /** Returns the name of {@code setting} of the check named {@code check}. */
  String of(Setting<?> setting, String check) {
    return this == CODE ? "checks." + check + "." + setting.codeName()
        : ChecksConfig.key(check) + "." + setting.name();
  }

  /** Returns the name of settings taken together: {@code paths}, {@code checks}. */
  String of(String together) {
    return this == CODE ? together : ProbesConfig.PREFIX + together;
  }
}
