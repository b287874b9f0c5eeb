package dev.isoprobe.spring;

import dev.isoprobe.Check;
import dev.isoprobe.DetailsAuthorizer;
import dev.isoprobe.Group;
import dev.isoprobe.Probes;
import java.time.Duration;
import java.util.ArrayList;
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
    Map<String, IsoprobeProperties.CheckSettings> settings = properties.getChecks();
    Set<String> unused = new TreeSet<>(settings.keySet());
    unused.remove(DEADLOCK);
    builder.deadlockCheck(deadlockEnabled(settings.get(DEADLOCK)));
    Set<String> names = new TreeSet<>(List.of(DEADLOCK));
    for (Check check : checks) {
      if (!names.add(check.name())) {
        throw new IllegalStateException("isoprobe: two checks are named '" + check.name()
            + "' (expected: unique names; a health contributor is named without its "
            + "'HealthIndicator' or 'HealthContributor' suffix)");
      }
      String key = settingsKey(check.name(), settings);
      if (key == null) {
        builder.check(check);
        continue;
      }
      unused.remove(key);
      if (settings.get(key).isEnabled()) {
        builder.check(configure(check, key, settings.get(key), properties.getTimeout()));
      }
    }
    if (!unused.isEmpty()) {
      String name = unused.iterator().next();
      throw new InvalidConfigurationPropertyValueException(checkProperty(name), name,
          "no check has this name (known: " + String.join(", ", names)
              + "; a name with '/' is written in brackets: isoprobe.checks[db/primary].timeout)");
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

  /**
   * Returns the key of the settings that apply to the check of this name: its own, else those of
   * the nearest composite it is a member of ({@code db} for {@code db/primary}), else null.
   */
  private static String settingsKey(String name,
      Map<String, IsoprobeProperties.CheckSettings> settings) {
    for (String key = name; ; key = key.substring(0, key.lastIndexOf('/'))) {
      if (settings.containsKey(key)) {
        return key;
      }
      if (key.indexOf('/') < 0) {
        return null;
      }
    }
  }

  /** Spring's name for the settings of a check: a key with '/' keeps it only in brackets. */
  private static String checkProperty(String key) {
    return key.indexOf('/') < 0 ? "isoprobe.checks." + key : "isoprobe.checks[" + key + "]";
  }

  /** Returns {@code check} with the groups and timeout its settings give, else its own. */
  private static Check configure(Check check, String key,
      IsoprobeProperties.CheckSettings settings, Duration deadline) {
    String property = checkProperty(key);
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
