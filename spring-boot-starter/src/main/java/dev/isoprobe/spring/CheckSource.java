/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Check;
import java.util.List;

/**
 * Supplies checks that are not beans of their own, such as one check per health contributor in
 * Spring Boot's registries. isoprobe gathers every {@code Check} bean and the checks of every
 * {@code CheckSource} bean once, when it builds its {@code Probes}; {@code isoprobe.checks.<name>}
 * settings then apply to each by name.
 */
@FunctionalInterface
public interface CheckSource {

  /** Returns the checks, never null; called once at startup. */
  List<Check> checks();
}
