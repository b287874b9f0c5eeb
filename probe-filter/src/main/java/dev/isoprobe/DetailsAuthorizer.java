/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Decides whether the caller of a probe may see details, under {@link ShowDetails#WHEN_AUTHORIZED}.
 * Called on the container thread for each probe request; must be thread-safe and quick.
 * An authorizer that throws counts as a refusal.
 */
@FunctionalInterface
public interface DetailsAuthorizer {

  /** Returns whether {@code request}'s caller may see details. */
  @SuppressWarnings("exports") // the Servlet API is the servlet application's own (module-info)
  boolean isAuthorized(HttpServletRequest request);

  /**
   * Accepts callers the container says are in {@code role} ({@link HttpServletRequest#isUserInRole}).
   *
   * @throws IllegalArgumentException if role is blank
   */
  static DetailsAuthorizer role(String role) {
    Objects.requireNonNull(role, "role");
    if (role.isBlank()) {
      throw InvalidSettingException.of("role", "''", "a role name");
    }
    return request -> request.isUserInRole(role);
  }

  /**
   * Accepts callers that send {@code token} in the header {@code header}. The comparison takes the
   * same time wherever the first difference lies, so the token cannot be guessed byte by byte.
   *
   * @throws IllegalArgumentException if header is blank or token is shorter than 16 characters
   */
  static DetailsAuthorizer headerToken(String header, String token) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(token, "token");
    if (header.isBlank()) {
      throw InvalidSettingException.of("header", "''", "a header name");
    }
    if (token.length() < 16) {
      throw InvalidSettingException.of("token", token.length() + " characters", "at least 16");
    }
    byte[] expected = token.getBytes(StandardCharsets.UTF_8);
    return request -> {
      String sent = request.getHeader(header);
      return sent != null && MessageDigest.isEqual(expected, sent.getBytes(StandardCharsets.UTF_8));
    };
  }
}
