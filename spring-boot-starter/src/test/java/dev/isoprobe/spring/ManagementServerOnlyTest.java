/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** {@code isoprobe.server=management}. */
@TestPropertySource(properties = "isoprobe.server=management")
@DirtiesContext // so isoprobe threads counted by other classes are their own
class ManagementServerOnlyTest extends ManagementServerContract {

  @Override
  boolean onApplicationPort() {
    return false;
  }

  @Override
  boolean onManagementPort() {
    return true;
  }
}
