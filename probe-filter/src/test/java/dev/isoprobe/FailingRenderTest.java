/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression: a detail whose {@code toString()} throws (a list the check keeps mutating) lost the
 * answer on the async path, and on the inline path (a cached result) gave a 500 whose page
 * carried the exception's text. The probe is answered, with the check's status and no details.
 */
class FailingRenderTest {

  /** A detail value that cannot be rendered, with a secret in its message. */
  private static final Object UNPRINTABLE = new Object() {
    @Override
    public String toString() {
      throw new IllegalStateException("concurrent modification, password=hunter2");
    }
  };

  @Test
  void aDetailThatCannotBeRenderedCostsTheDetailsNotTheAnswer() throws Exception {
    Probes probes = Probes.builder().showDetails(ShowDetails.ALWAYS).deadlockCheck(false)
        .check(Check.builder("fresh", ctx -> CheckResult.up(Map.of("rows", UNPRINTABLE))).build())
        .check(Check.builder("cached", ctx -> CheckResult.down(Map.of("rows", UNPRINTABLE)))
            .cacheFor(Duration.ofMinutes(1)).build())
        .build();
    try (TestServer server = TestServer.start(probes)) {
      HttpResponse<String> fresh = server.get("/readyz/fresh?verbose");
      assertThat(fresh.statusCode()).isEqualTo(200);
      assertThat(fresh.body())
          .matches("\\[\\+]fresh ok" + TestChecks.UP_SINCE + "\nreadyz check passed");

      assertThat(server.get("/readyz/cached").statusCode()).isEqualTo(503); // fills the cache
      HttpResponse<String> cached = server.get("/readyz/cached?verbose", "application/json");
      assertThat(cached.statusCode()).isEqualTo(503);
      assertThat(cached.body()).contains("\"cached\"").doesNotContain("hunter2", "Exception");
    }
  }
}
