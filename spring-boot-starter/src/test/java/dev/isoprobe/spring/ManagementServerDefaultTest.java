/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import org.springframework.test.annotation.DirtiesContext;

/** {@code isoprobe.server} unset: {@code application}, the default. */
@DirtiesContext // so isoprobe threads counted by other classes are their own
class ManagementServerDefaultTest extends ManagementServerContract {

  @Override
  boolean onApplicationPort() {
    return true;
  }

  @Override
  boolean onManagementPort() {
    return false;
  }
}
