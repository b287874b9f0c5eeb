package dev.isoprobe.spring;

import dev.isoprobe.Check;
import dev.isoprobe.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.health.application.AvailabilityStateHealthIndicator;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorNameGenerator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * One readiness check per {@code HealthIndicator} bean, named as Actuator names it: the bean name
 * less a {@code HealthIndicator} or {@code HealthContributor} suffix ({@code dbHealthIndicator}
 * is {@code db}). Actuator's own liveness and readiness state indicators are left out: isoprobe's
 * {@code livenessState} and {@code readinessState} checks read the same state in the right groups.
 */
final class HealthIndicatorCheckSource implements CheckSource {

  private final ListableBeanFactory beans;
  private final HealthContributorNameGenerator names =
      HealthContributorNameGenerator.withoutStandardSuffixes();

  HealthIndicatorCheckSource(ListableBeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    beans.getBeansOfType(HealthIndicator.class).forEach((bean, indicator) -> {
      if (!(indicator instanceof AvailabilityStateHealthIndicator)) {
        checks.add(check(bean, indicator));
      }
    });
    return checks;
  }

  private Check check(String bean, HealthIndicator indicator) {
    String name = names.generateContributorName(bean);
    try {
      // Readiness is the builder's default group: a dependency must never restart the pod.
      return Check.builder(name, context -> result(indicator.health(/* includeDetails= */ true)))
          .build();
    } catch (IllegalArgumentException badName) {
      throw new IllegalStateException("isoprobe: HealthIndicator bean '" + bean + "' gives check "
          + badName.getMessage() + "; rename the bean", badName);
    }
  }

  /** UP is up; DOWN, OUT_OF_SERVICE, UNKNOWN and any custom status are down. */
  static CheckResult result(Health health) {
    if (health == null) {
      return CheckResult.down();
    }
    Map<String, Object> details = new LinkedHashMap<>();
    health.getDetails().forEach((key, value) -> {
      if (key != null && value != null) {
        details.put(key, value);
      }
    });
    return Status.UP.equals(health.getStatus()) ? CheckResult.up(details) : CheckResult.down(details);
  }
}
