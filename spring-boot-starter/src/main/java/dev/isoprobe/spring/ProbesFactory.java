/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Check;
import dev.isoprobe.DetailsAuthorizer;
import dev.isoprobe.InvalidSettingException;
import dev.isoprobe.Probes;
import dev.isoprobe.ProbesConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the application's {@link Probes} from {@link IsoprobeProperties} and its checks. The
 * core's {@link ProbesConfig} reads the properties, as it does outside Spring; this adds what
 * only Spring has: the application's {@code DetailsAuthorizer} bean and its customizers.
 */
final class ProbesFactory {

  private ProbesFactory() {}

  /**
   * Returns probes running {@code checks} as {@code properties} configure them, then as
   * {@code customizers} do.
   *
   * @throws InvalidSettingException if a setting names no check, or does not fit the check it
   *     names
   * @throws IllegalStateException if two checks share a name, or settings do not fit together
   * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
   *     if details are shown when authorized with nothing to authorize
   */
  static Probes create(IsoprobeProperties properties, List<Check> checks, Authorization details,
      List<ProbesCustomizer> customizers) {
    Set<String> names = new HashSet<>(List.of("deadlock"));
    for (Check check : checks) {
      if (!names.add(check.name())) {
        throw new IllegalStateException("isoprobe: two checks are named '" + check.name()
            + "' (expected: unique names; a health contributor is named without its "
            + "'HealthIndicator' or 'HealthContributor' suffix)");
      }
    }
    ProbesConfig config = ProbesConfig.from(Settings.toConfig(properties));
    Probes.Builder builder = config.builder(checks);
    DetailsPolicy.apply(properties, config, details, builder);
    customizers.forEach(customizer -> customizer.customize(builder));
    try {
      return config.build(builder);
    } catch (InvalidSettingException settingsThatDoNotFit) {
      // Settings that conflict only once the beans and customizers have had their say.
      throw new IllegalStateException(settingsThatDoNotFit.getMessage(), settingsThatDoNotFit);
    }
  }

  /**
   * Who sees details besides what the properties say.
   *
   * @param authorizer the application's own {@code DetailsAuthorizer} bean, or null
   * @param scope what shows authorizers the principal, or null
   */
  record Authorization(DetailsAuthorizer authorizer, PrincipalScope scope) {}
}
