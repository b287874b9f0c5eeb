/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.util.List;

/** The four probe paths, each with the group it runs (null for every check). */
record ProbePaths(String liveness, String readiness, String startup, String health) {

  ProbePaths {
    List<String> all = List.of(liveness, readiness, startup, health);
    for (int i = 0; i < all.size(); i++) {
      for (int j = 0; j < all.size(); j++) {
        String a = all.get(i);
        String b = all.get(j);
        if (i != j && (a.equals(b) || a.startsWith(b + "/"))) {
          throw InvalidSettingException.ofTogether("paths", "'" + a + "' and '" + b + "'",
              "distinct, neither under the other");
        }
      }
    }
  }

  /** Returns the routes, relative to the servlet context the filter is installed in. */
  Routes routes() {
    return new Routes(new Route[] {
        new Route(readiness, name(readiness), Group.READINESS),
        new Route(liveness, name(liveness), Group.LIVENESS),
        new Route(startup, name(startup), Group.STARTUP),
        new Route(health, name(health), null)
    });
  }

  /** A probe is named after the last segment of its path: {@code /readyz} is {@code readyz}. */
  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
