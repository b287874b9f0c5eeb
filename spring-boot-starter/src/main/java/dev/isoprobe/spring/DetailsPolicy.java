/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.DetailsAuthorizer;
import dev.isoprobe.Probes;
import dev.isoprobe.ProbesConfig;
import dev.isoprobe.ShowDetails;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Decides who sees details under {@code isoprobe.details=when-authorized}: the application's
 * {@link DetailsAuthorizer} bean when there is one, else the roles and token of the properties,
 * either made to see the principal that Spring Security establishes after isoprobe's filter.
 */
final class DetailsPolicy {

  private DetailsPolicy() {}

  /**
   * Sets the authorizer on {@code builder}, which {@code config} has already configured.
   *
   * @throws InvalidConfigurationPropertyValueException if details are shown when authorized but
   *     nothing authorizes a caller
   */
  static void apply(IsoprobeProperties properties, ProbesConfig config,
      ProbesFactory.Authorization details, Probes.Builder builder) {
    if (properties.getDetails() != ShowDetails.WHEN_AUTHORIZED) {
      return;
    }
    DetailsAuthorizer chosen = details.authorizer() != null ? details.authorizer()
        : config.detailsAuthorizer().orElse(null);
    if (chosen == null) {
      throw new InvalidConfigurationPropertyValueException("isoprobe.details", "when-authorized",
          "nothing authorizes a caller (expected: isoprobe.details-roles, "
              + "isoprobe.details-token.value or a DetailsAuthorizer bean)");
    }
    builder.detailsAuthorizer(details.scope() == null ? chosen : details.scope().around(chosen));
  }
}
