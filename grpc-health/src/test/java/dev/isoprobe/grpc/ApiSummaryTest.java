package dev.isoprobe.grpc;

import dev.isoprobe.ApiSummary;
import org.junit.jupiter.api.Test;

class ApiSummaryTest {

  @Test
  void thePublicApiIsTheCheckedInOne() throws Exception {
    ApiSummary.assertMatchesCheckedInSummary();
  }
}
