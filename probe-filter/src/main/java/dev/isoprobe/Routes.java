/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/**
 * Matches request paths against the probe paths, on the path the container routed: decoded,
 * normalised and without path parameters, as {@code getServletPath()} and {@code getPathInfo()}
 * give it. So every spelling the container sends to {@code /readyz} ({@code /%72eadyz},
 * {@code /x/../readyz}, {@code /readyz;v=1}) is the probe, and nothing it routes elsewhere is. A
 * request that is not a probe costs a few comparisons that fail on their first differing
 * character, and no allocation.
 */
final class Routes {

  private final Route[] routes;

  Routes(Route[] routes) {
    this.routes = routes.clone();
  }

  /**
   * Returns the match for a request whose path in its context is {@code servletPath} followed by
   * {@code pathInfo} (null when there is none), or null when it is not a probe path.
   */
  Match match(String servletPath, String pathInfo) {
    String rest = pathInfo == null ? "" : pathInfo;
    int length = servletPath.length() + rest.length();
    for (Route route : routes) {
      String path = route.path();
      if (length >= path.length() && startsWith(servletPath, rest, path)) {
        if (length == path.length()) {
          return new Match(route, null);
        }
        if (charAt(servletPath, rest, path.length()) == '/') {
          return new Match(route, (servletPath + rest).substring(path.length() + 1));
        }
      }
    }
    return null;
  }

  /** Whether {@code first} followed by {@code second} starts with {@code prefix}. */
  private static boolean startsWith(String first, String second, String prefix) {
    if (prefix.length() <= first.length()) {
      return first.startsWith(prefix);
    }
    return prefix.startsWith(first)
        && second.regionMatches(0, prefix, first.length(), prefix.length() - first.length());
  }

  private static char charAt(String first, String second, int index) {
    return index < first.length() ? first.charAt(index) : second.charAt(index - first.length());
  }

  /**
   * A probe request.
   *
   * @param route the probe path it matched
   * @param check the single check it names ({@code /readyz/<check>}), or null for the group
   */
  record Match(Route route, String check) {}
}
