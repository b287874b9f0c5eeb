/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A probe's query: {@code ?verbose} and {@code ?exclude=<check>} (repeatable), in the spirit of
 * the Kubernetes API server. Other parameters are ignored; empty excludes are ignored.
 *
 * @param verbose whether the text body lists every check
 * @param excluded names of checks not to run
 */
record Query(boolean verbose, Set<String> excluded) {

  static final Query NONE = new Query(false, Set.of());
  private static final int MAX_PARAMETERS = 64;

  /**
   * Parses a raw query string.
   *
   * @throws IllegalArgumentException with a message fit for a 400 body, naming the parameter
   */
  static Query parse(String query) {
    if (query == null || query.isEmpty()) {
      return NONE;
    }
    String[] parameters = query.split("&", MAX_PARAMETERS + 1);
    if (parameters.length > MAX_PARAMETERS) {
      throw new IllegalArgumentException("too many query parameters (expected: at most " + MAX_PARAMETERS + ")");
    }
    boolean verbose = false;
    Set<String> excluded = new HashSet<>();
    for (String parameter : parameters) {
      int equals = parameter.indexOf('=');
      String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
      String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
      if (name.equals("verbose")) {
        verbose = flag(value);
      } else if (name.equals("exclude") && !value.isEmpty()) {
        excluded.add(value);
      }
    }
    return new Query(verbose, Set.copyOf(excluded));
  }

  private static boolean flag(String value) {
    return switch (value) {
      case "", "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new IllegalArgumentException(
          "query parameter 'verbose' (expected: no value, true, false, 1 or 0)");
    };
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      throw new IllegalArgumentException("malformed percent-encoding in the query");
    }
  }
}
