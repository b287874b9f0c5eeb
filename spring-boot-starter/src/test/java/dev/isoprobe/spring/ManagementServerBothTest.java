/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** {@code isoprobe.server=both}. */
@TestPropertySource(properties = "isoprobe.server=both")
@DirtiesContext // so isoprobe threads counted by other classes are their own
class ManagementServerBothTest extends ManagementServerContract {

  @Override
  boolean onApplicationPort() {
    return true;
  }

  @Override
  boolean onManagementPort() {
    return true;
  }
}
