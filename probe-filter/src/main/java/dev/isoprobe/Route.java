/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

/**
 * One probe path.
 *
 * @param path the path within the servlet context, such as {@code /readyz}
 * @param probe the probe's name in bodies, such as {@code readyz}
 * @param group the group it runs, or null for every check
 */
record Route(String path, String probe, Group group) {}
