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
import java.util.function.Function;
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
      List<String> keys = settingsKeys(check.name(), settings);
      unused.removeAll(keys);
      Check configured = configure(check, keys, settings, properties.getTimeout());
      if (configured != null) {
        builder.check(configured);
      }
    }
    if (!unused.isEmpty()) {
      String name = unused.iterator().next();
      throw new InvalidConfigurationPropertyValueException(checkProperty(name), name,
          "no check has this name (known: " + String.join(", ", names)
              + "; a name with '/' is written in brackets: isoprobe.checks[db/primary].timeout)");
    }
    DetailsPolicy.apply(properties, details.authorizer(), details.scope(), builder);
    builder.logErrorMessages(
        properties.getLogErrorMessages() == IsoprobeProperties.LogErrorMessages.REDACTED);
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
   * Returns the keys of the settings that apply to the check of this name, nearest first: its
   * own, then those of each composite it is a member of ({@code db} for {@code db/primary}).
   */
  private static List<String> settingsKeys(String name,
      Map<String, IsoprobeProperties.CheckSettings> settings) {
    List<String> keys = new ArrayList<>();
    for (String key = name; ; key = key.substring(0, key.lastIndexOf('/'))) {
      if (settings.containsKey(key)) {
        keys.add(key);
      }
      if (key.indexOf('/') < 0) {
        return keys;
      }
    }
  }

  /** Spring's name for the settings of a check: a key with '/' keeps it only in brackets. */
  private static String checkProperty(String key) {
    return key.indexOf('/') < 0 ? "isoprobe.checks." + key : "isoprobe.checks[" + key + "]";
  }

  /**
   * Returns {@code check} as the settings under {@code keys} (nearest first) configure it, or
   * null when one of them disables it: each of timeout and groups comes from the nearest key that
   * sets it, else from the check itself, and a composite disabled is disabled with its members.
   */
  private static Check configure(Check check, List<String> keys,
      Map<String, IsoprobeProperties.CheckSettings> settings, Duration deadline) {
    if (keys.isEmpty()) {
      return check;
    }
    if (!keys.stream().allMatch(key -> settings.get(key).isEnabled())) {
      return null;
    }
    List<Group> groups = new ArrayList<>(check.groups());
    Duration timeout = check.timeout();
    String groupsKey = nearest(keys, key -> settings.get(key).getGroups());
    if (groupsKey != null) {
      groups = new ArrayList<>(settings.get(groupsKey).getGroups());
      if (groups.isEmpty()) {
        throw new InvalidConfigurationPropertyValueException(checkProperty(groupsKey) + ".groups",
            "", "no group (expected: one or more of liveness, readiness, startup)");
      }
    }
    String timeoutKey = nearest(keys, key -> settings.get(key).getTimeout());
    if (timeoutKey != null) {
      timeout = settings.get(timeoutKey).getTimeout();
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(deadline) > 0) {
        throw new InvalidConfigurationPropertyValueException(checkProperty(timeoutKey) + ".timeout",
            timeout, "expected: > 0 and <= isoprobe.timeout (" + deadline + ")");
      }
    }
    Check.Builder builder = Check.builder(check.name(), check.healthCheck())
        .groups(groups.get(0), groups.subList(1, groups.size()).toArray(new Group[0]))
        .cacheFor(check.cacheFor());
    return (timeout != null ? builder.timeout(timeout) : builder).build();
  }

  /** Returns the first of {@code keys} whose settings have a value for {@code setting}. */
  private static String nearest(List<String> keys, Function<String, Object> setting) {
    return keys.stream().filter(key -> setting.apply(key) != null).findFirst().orElse(null);
  }
}
