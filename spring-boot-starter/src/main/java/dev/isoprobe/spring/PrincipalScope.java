/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.DetailsAuthorizer;

/**
 * Lets a {@link DetailsAuthorizer} see the principal a probe request authenticates as, where a
 * security framework would only establish it after isoprobe's filter has answered the probe.
 */
@FunctionalInterface
interface PrincipalScope {

  /** Returns {@code authorizer}, asked with the request's principal in view; called once. */
  DetailsAuthorizer around(DetailsAuthorizer authorizer);
}
