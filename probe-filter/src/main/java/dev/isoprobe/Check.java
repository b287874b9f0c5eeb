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

  private Check(Builder builder) {
    this.name = builder.name;
    this.healthCheck = builder.healthCheck;
    this.groups = Set.copyOf(builder.groups);
    this.timeout = builder.timeout;
    this.cacheFor = builder.cacheFor;
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
   * Returns a builder that starts from this check: same name, check, groups, timeout and
   * caching, for a copy that differs in some of them.
   */
  public Builder toBuilder() {
    Builder builder = new Builder(name, healthCheck);
    builder.groups = EnumSet.copyOf(groups);
    builder.timeout = timeout;
    builder.cacheFor = cacheFor;
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

    private Builder(String name, HealthCheck healthCheck) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("name: '" + name
            + "' (expected: at most 128 letters, digits, '.', '_' or '-' in segments joined by '/',"
            + " each starting with a letter or digit)");
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
      this.timeout = Limits.positive("checks." + name + ".timeout", timeout);
      return this;
    }

    /**
     * Reuses a returned result for this long, so the check runs at most once per interval however
     * many probes arrive. Timeouts are never reused.
     *
     * @throws IllegalArgumentException if {@code cacheFor < 0} or longer than an hour
     */
    public Builder cacheFor(Duration cacheFor) {
      this.cacheFor = Limits.atMost("checks." + name + ".cache-for",
          Limits.notNegative("checks." + name + ".cache-for", cacheFor), Duration.ofHours(1));
      return this;
    }

    /** Returns the check. */
    public Check build() {
      return new Check(this);
    }
  }
}
