/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import dev.isoprobe.Probes;

/**
 * Adjusts the {@link Probes.Builder} isoprobe configures from {@code isoprobe.*}, before it
 * builds the application's {@code Probes}: for example to add a redaction pattern. Every
 * {@code ProbesCustomizer} bean is applied once, in {@code @Order}, after the properties, so
 * what it sets wins. isoprobe's own Micrometer support is one.
 */
@FunctionalInterface
public interface ProbesCustomizer {

  /** Adjusts {@code builder}; called once at startup. */
  void customize(Probes.Builder builder);
}
