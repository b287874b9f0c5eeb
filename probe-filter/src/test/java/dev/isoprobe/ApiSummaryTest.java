package dev.isoprobe;

import org.junit.jupiter.api.Test;

class ApiSummaryTest {

  @Test
  void thePublicApiIsTheCheckedInOne() throws Exception {
    ApiSummary.assertMatchesCheckedInSummary();
  }
}
