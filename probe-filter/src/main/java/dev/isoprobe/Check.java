/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named {@link HealthCheck} with the groups it belongs to and its limits. Immutable.
 *
 * <pre>{@code
 * Check db = Check.builder("db", ctx -> dataSource.isValid(ctx) ? CheckResult.up() : CheckResult.down())
 *     .groups(Group.READINESS)
 *     .timeout(Duration.ofMillis(500))
 *     .build();
 * }</pre>
 */
public final class Check {

  /** Segments joined by '/', as Actuator names a composite contributor's member: db/primary. */
  private static final Pattern NAME =
      Pattern.compile("(?=.{1,128}$)[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*");

  private final String name;
  private final HealthCheck healthCheck;
  private final Set<Group> groups;
  private final Duration timeout;
  private final Duration cacheFor;
  private final int failureThreshold;
  private final int successThreshold;
  private final Duration refreshEvery;
  private final Duration maxAge;

  private Check(Builder builder) {
    this.name = builder.name;
    this.healthCheck = builder.healthCheck;
    this.groups = Set.copyOf(builder.groups);
    this.timeout = builder.timeout;
    this.cacheFor = builder.cacheFor;
    this.failureThreshold = builder.failureThreshold;
    this.successThreshold = builder.successThreshold;
    this.refreshEvery = builder.refreshEvery;
    this.maxAge = builder.maxAge;
  }

  /**
   * Starts a check in the readiness group, with the probe deadline as its timeout and no result
   * caching.
   *
   * @param name letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or
   *     digit, in one or more segments joined by {@code /} ({@code db/primary}), at most 128 in
   *     all; it appears in paths ({@code /readyz/<name>}) and bodies. {@code /readyz/db} and
   *     {@code ?exclude=db} also name every check under {@code db/}
   * @throws IllegalArgumentException if name is not of that form
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(String name, HealthCheck healthCheck) {
    return new Builder(name, healthCheck);
  }

  /** Returns the check's name. */
  public String name() {
    return name;
  }

  HealthCheck healthCheck() {
    return healthCheck;
  }

  /**
   * Returns a builder that starts from this check: same name, check, groups, timeout, caching,
   * thresholds and refresh, for a copy that differs in some of them.
   */
  public Builder toBuilder() {
    Builder builder = new Builder(name, healthCheck);
    builder.groups = EnumSet.copyOf(groups);
    builder.timeout = timeout;
    builder.cacheFor = cacheFor;
    builder.failureThreshold = failureThreshold;
    builder.successThreshold = successThreshold;
    builder.refreshEvery = refreshEvery;
    builder.maxAge = maxAge;
    return builder;
  }

  /** Returns the groups the check belongs to, never empty. */
  public Set<Group> groups() {
    return groups;
  }

  /** Returns the check's own timeout, or null to use the probe deadline. */
  public Duration timeout() {
    return timeout;
  }

  /** Returns how long a result is reused, {@link Duration#ZERO} when every probe runs the check. */
  public Duration cacheFor() {
    return cacheFor;
  }

  /**
   * Returns how many executions in a row must fail to turn the check down, or 0 to use the
   * probes' default ({@link Probes.Builder#failureThreshold(int)}).
   */
  public int failureThreshold() {
    return failureThreshold;
  }

  /**
   * Returns how many executions in a row must succeed to turn the check up again, or 0 to use
   * the probes' default ({@link Probes.Builder#successThreshold(int)}).
   */
  public int successThreshold() {
    return successThreshold;
  }

  /**
   * Returns how often the check runs in the background, probes answering from its latest result;
   * null when probes run it.
   */
  public Duration refreshEvery() {
    return refreshEvery;
  }

  /**
   * Returns how old the latest background result may be before probes answer it {@code stale};
   * null for the default, three periods ({@link #refreshEvery()}) and at least two periods plus
   * the check's timeout. Null too when the check is not refreshed in the background.
   */
  public Duration maxAge() {
    return maxAge;
  }

  @Override
  public String toString() {
    return "Check[" + name + " " + groups + "]";
  }

  /** Builds a {@link Check}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final HealthCheck healthCheck;
    private Set<Group> groups = EnumSet.of(Group.READINESS);
    private Duration timeout;
    private Duration cacheFor = Duration.ZERO;
    private int failureThreshold;
    private int successThreshold;
    private Duration refreshEvery;
    private Duration maxAge;

    private Builder(String name, HealthCheck healthCheck) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw InvalidSettingException.of("name", "'" + name + "'", "at most 128 letters, digits, "
            + "'.', '_' or '-' in segments joined by '/', each starting with a letter or digit");
      }
      this.name = name;
      this.healthCheck = Objects.requireNonNull(healthCheck, "healthCheck");
    }

    /**
     * Sets the groups the check belongs to, replacing the default of readiness alone.
     *
     * @throws IllegalArgumentException if no group is given
     */
    public Builder groups(Group first, Group... rest) {
      this.groups = EnumSet.of(Objects.requireNonNull(first, "first"), rest);
      return this;
    }

    /**
     * Sets the check's own timeout, which must not exceed the probe deadline (checked when the
     * {@link Probes} are built).
     *
     * @throws IllegalArgumentException if {@code timeout <= 0}
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Settings.CHECK_TIMEOUT.check(name, timeout);
      return this;
    }

    /**
     * Reuses a returned result for this long, so the check runs at most once per interval however
     * many probes arrive. Timeouts are never reused.
     *
     * @throws IllegalArgumentException if {@code cacheFor < 0} or longer than an hour
     */
    public Builder cacheFor(Duration cacheFor) {
      this.cacheFor = Settings.CACHE_FOR.check(name, cacheFor);
      return this;
    }

    /**
     * Sets how many executions in a row must fail (down, error, timeout, rejected) before probes
     * answer the check down: until then they answer it up, and say how many have failed
     * ({@code [+]db ok (1 of 3 failures: timeout after 800ms)}). A probe that finds the check
     * stuck turns it down at once. Unset, the probes' default applies (1: at once).
     *
     * @throws IllegalArgumentException if threshold is not between 1 and 100
     */
    public Builder failureThreshold(int threshold) {
      this.failureThreshold = Settings.CHECK_FAILURE_THRESHOLD.check(name, threshold);
      return this;
    }

    /**
     * Sets how many executions in a row must succeed before probes answer a check that is down
     * up again; until then they answer it down ({@code [-]db failed: recovering (1 of 2
     * successes)}). Unset, the probes' default applies (1: at once).
     *
     * @throws IllegalArgumentException if threshold is not between 1 and 100
     */
    public Builder successThreshold(int threshold) {
      this.successThreshold = Settings.CHECK_SUCCESS_THRESHOLD.check(name, threshold);
      return this;
    }

    /**
     * Runs the check in the background, on its lane, every {@code period} from the start; probes
     * answer from its latest result at once, and never run it themselves (but for probes that
     * come before its first result, which wait for it). For checks too costly to run per probe.
     * A run that hangs is timed out, interrupted and counted like any other, and no second one
     * starts while it runs; once the latest result is older than {@link #maxAge(Duration)},
     * probes answer it {@code stale}, down.
     *
     * @throws IllegalArgumentException if {@code period} is shorter than 10 ms or longer than an hour
     */
    public Builder refreshEvery(Duration period) {
      this.refreshEvery = Settings.REFRESH_EVERY.check(name, period);
      return this;
    }

    /**
     * Sets how old the latest background result may be before probes answer {@code stale}: by
     * default three periods of {@link #refreshEvery(Duration)}, and at least two periods plus the
     * check's timeout, so that one run that takes all its time does not make it stale.
     *
     * @throws IllegalArgumentException if {@code maxAge <= 0} or longer than a day; when the
     *     check is built, if it is not longer than the period, or there is no period
     */
    public Builder maxAge(Duration maxAge) {
      this.maxAge = Settings.MAX_AGE.check(name, maxAge);
      return this;
    }

    /**
     * Returns the check.
     *
     * @throws IllegalArgumentException if it has a {@code maxAge} but no {@code refreshEvery}, or
     *     one no longer than it, or both {@code refreshEvery} and {@code cacheFor}
     */
    public Check build() {
      if (maxAge != null && (refreshEvery == null || maxAge.compareTo(refreshEvery) <= 0)) {
        throw Settings.MAX_AGE.refused(name, maxAge, names -> "longer than "
            + names.of(Settings.REFRESH_EVERY, name) + ", "
            + (refreshEvery == null ? "which is not set" : refreshEvery));
      }
      if (refreshEvery != null && !cacheFor.isZero()) {
        throw Settings.CACHE_FOR.refused(name, cacheFor, names -> "not with "
            + names.of(Settings.REFRESH_EVERY, name)
            + "; a check refreshed in the background is never run by probes");
      }
      return new Check(this);
    }
  }
}
