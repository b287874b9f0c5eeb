/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

class DetailsAuthorizerTest {

  private static final String TOKEN = "0123456789abcdef-token";
  private final HttpServletRequest request = mock(HttpServletRequest.class);

  @Test
  void roleAsksTheContainer() {
    when(request.isUserInRole("ops")).thenReturn(true);
    assertThat(DetailsAuthorizer.role("ops").isAuthorized(request)).isTrue();
    assertThat(DetailsAuthorizer.role("admin").isAuthorized(request)).isFalse();
  }

  @Test
  void headerTokenAcceptsOnlyTheExactToken() {
    DetailsAuthorizer authorizer = DetailsAuthorizer.headerToken("X-Probe-Token", TOKEN);
    assertThat(authorizer.isAuthorized(request)).as("no header").isFalse();
    when(request.getHeader("X-Probe-Token")).thenReturn(TOKEN.substring(1));
    assertThat(authorizer.isAuthorized(request)).as("a prefix short").isFalse();
    when(request.getHeader("X-Probe-Token")).thenReturn(TOKEN + "x");
    assertThat(authorizer.isAuthorized(request)).as("one more").isFalse();
    when(request.getHeader("X-Probe-Token")).thenReturn(TOKEN.toUpperCase(java.util.Locale.ROOT));
    assertThat(authorizer.isAuthorized(request)).as("case differs").isFalse();
    when(request.getHeader("X-Probe-Token")).thenReturn(TOKEN);
    assertThat(authorizer.isAuthorized(request)).isTrue();
  }

  @Test
  void badArgumentsNameTheArgumentAndNeverEchoTheToken() {
    assertThatThrownBy(() -> DetailsAuthorizer.role(" ")).hasMessage("role: '' (expected: a role name)");
    assertThatThrownBy(() -> DetailsAuthorizer.headerToken("X-T", "short-secret"))
        .hasMessage("token: 12 characters (expected: at least 16)");
    assertThatThrownBy(() -> DetailsAuthorizer.headerToken("", TOKEN))
        .hasMessage("header: '' (expected: a header name)");
  }

  @Test
  void whenAuthorizedNeedsAnAuthorizer() {
    assertThatThrownBy(() -> Probes.builder().showDetails(ShowDetails.WHEN_AUTHORIZED).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("details: WHEN_AUTHORIZED (expected: a detailsAuthorizer, or NEVER or ALWAYS)");
  }

  @Test
  void anAuthorizerThatThrowsShowsNoDetails() {
    try (Probes probes = Probes.builder().showDetails(ShowDetails.WHEN_AUTHORIZED)
        .detailsAuthorizer(denied -> {
          throw new IllegalStateException("no session");
        }).build()) {
      assertThat(probes.detailsFor(request)).isNull();
    }
  }
}
