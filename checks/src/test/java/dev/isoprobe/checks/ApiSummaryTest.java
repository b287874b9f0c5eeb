/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.checks;

import dev.isoprobe.ApiSummary;
import org.junit.jupiter.api.Test;

class ApiSummaryTest {

  @Test
  void thePublicApiIsTheCheckedInOne() throws Exception {
    ApiSummary.assertMatchesCheckedInSummary();
  }
}
