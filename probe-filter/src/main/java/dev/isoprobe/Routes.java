package dev.isoprobe;

/**
 * Matches request paths against the probe paths. A request that is not a probe costs a few
 * {@code startsWith} calls that fail on their first differing character, and no allocation.
 */
final class Routes {

  private final Route[] routes;

  Routes(Route[] routes) {
    this.routes = routes.clone();
  }

  /** Returns the match for {@code uri}, or null when it is not a probe path. */
  Match match(String uri) {
    for (Route route : routes) {
      if (uri.startsWith(route.path())) {
        int end = route.path().length();
        if (uri.length() == end) {
          return new Match(route, null);
        }
        if (uri.charAt(end) == '/') {
          return new Match(route, uri.substring(end + 1));
        }
      }
    }
    return null;
  }

  /**
   * A probe request.
   *
   * @param route the probe path it matched
   * @param check the single check it names ({@code /readyz/<check>}), or null for the group
   */
  record Match(Route route, String check) {}
}
