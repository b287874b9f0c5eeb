/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Instant;
import java.util.Objects;

/**
 * A check or a group turned up or down, as {@link HealthListener} hears it.
 *
 * @param name the check's name, or the group's in lower case ({@code readiness})
 * @param up the status probes now answer
 * @param at when it changed, by the system clock
 * @param cause for a check, the outcome that changed it, as bodies name it ({@code up},
 *     {@code down}, {@code error}, {@code timeout}, {@code stuck}, {@code rejected},
 *     {@code stale}); for a group, the name of the check whose change changed it
 */
public record StatusChange(String name, boolean up, Instant at, String cause) {

  /** @throws NullPointerException if an argument is null */
  public StatusChange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(cause, "cause");
  }
}
