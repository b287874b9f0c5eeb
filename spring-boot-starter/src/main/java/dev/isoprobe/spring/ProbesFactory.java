package dev.isoprobe.spring;

import dev.isoprobe.Check;
import dev.isoprobe.DetailsAuthorizer;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** Builds the application's {@link Probes} from {@link IsoprobeProperties} and its checks. */
final class ProbesFactory {

  /** The name of the core's built-in liveness check. */
  static final String DEADLOCK = "deadlock";

  private ProbesFactory() {}

  /**
   * Returns probes running {@code checks} as {@code properties} configure them, then as
   * {@code customizers} do.
   *
   * @throws InvalidConfigurationPropertyValueException if a setting names no check, or does not
   *     fit the check it names, or details are shown when authorized with nothing to authorize
   */
  static Probes create(IsoprobeProperties properties, List<Check> checks, Authorization details,
      List<ProbesCustomizer> customizers) {
    Probes.Builder builder = Probes.builder()
        .deadline(properties.getTimeout())
        .executorThreads(properties.getExecutor().getThreads())
        .queueCapacity(properties.getExecutor().getQueueCapacity())
        .livenessThreads(properties.getExecutor().getLivenessThreads())
        .livenessPath(properties.getPaths().getLiveness())
        .readinessPath(properties.getPaths().getReadiness())
        .startupPath(properties.getPaths().getStartup())
        .healthPath(properties.getPaths().getHealth());
    Map<String, IsoprobeProperties.CheckSettings> unused = new LinkedHashMap<>(properties.getChecks());
    builder.deadlockCheck(deadlockEnabled(unused.remove(DEADLOCK)));
    Set<String> names = new TreeSet<>(List.of(DEADLOCK));
    for (Check check : checks) {
      if (!names.add(check.name())) {
        throw new IllegalStateException("isoprobe: two checks are named '" + check.name()
            + "' (expected: unique names; a HealthIndicator bean is named without its "
            + "'HealthIndicator' suffix)");
      }
      IsoprobeProperties.CheckSettings settings = unused.remove(check.name());
      if (settings == null) {
        builder.check(check);
      } else if (settings.isEnabled()) {
        builder.check(configure(check, settings, properties.getTimeout()));
      }
    }
    if (!unused.isEmpty()) {
      String name = unused.keySet().iterator().next();
      throw new InvalidConfigurationPropertyValueException("isoprobe.checks." + name, name,
          "no check has this name (known: " + String.join(", ", names) + ")");
    }
    DetailsPolicy.apply(properties, details.authorizer(), details.scope(), builder);
    customizers.forEach(customizer -> customizer.customize(builder));
    try {
      return builder.build();
    } catch (IllegalArgumentException bad) {
      // The core names settings as isoprobe's properties do, less the prefix.
      throw new IllegalStateException("isoprobe." + bad.getMessage(), bad);
    }
  }

  /**
   * Who sees details besides what the properties say.
   *
   * @param authorizer the application's own {@code DetailsAuthorizer} bean, or null
   * @param scope what shows authorizers the principal, or null
   */
  record Authorization(DetailsAuthorizer authorizer, PrincipalScope scope) {}

  private static boolean deadlockEnabled(IsoprobeProperties.CheckSettings settings) {
    if (settings == null) {
      return true;
    }
    if (settings.getTimeout() != null || settings.getGroups() != null) {
      String property = settings.getTimeout() != null ? "timeout" : "groups";
      throw new InvalidConfigurationPropertyValueException("isoprobe.checks.deadlock." + property,
          settings.getTimeout() != null ? settings.getTimeout() : settings.getGroups(),
          "the built-in deadlock check takes only 'enabled'");
    }
    return settings.isEnabled();
  }

  /** Returns {@code check} with the groups and timeout its settings give, else its own. */
  private static Check configure(Check check, IsoprobeProperties.CheckSettings settings,
      Duration deadline) {
    String property = "isoprobe.checks." + check.name();
    if (settings.getGroups() != null && settings.getGroups().isEmpty()) {
      throw new InvalidConfigurationPropertyValueException(property + ".groups", "",
          "no group (expected: one or more of liveness, readiness, startup)");
    }
    Set<Group> groups = settings.getGroups() != null ? settings.getGroups() : check.groups();
    List<Group> list = new ArrayList<>(groups);
    Check.Builder builder = Check.builder(check.name(), check.healthCheck())
        .groups(list.get(0), list.subList(1, list.size()).toArray(new Group[0]))
        .cacheFor(check.cacheFor());
    Duration timeout = settings.getTimeout() != null ? settings.getTimeout() : check.timeout();
    if (timeout != null) {
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(deadline) > 0) {
        throw new InvalidConfigurationPropertyValueException(property + ".timeout", timeout,
            "expected: > 0 and <= isoprobe.timeout (" + deadline + ")");
      }
      builder.timeout(timeout);
    }
    return builder.build();
  }
}
