package dev.isoprobe.spring;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Turns every {@code HealthIndicator} bean into a readiness check, when Spring Boot's health
 * module (part of Actuator) is on the classpath. The indicators run on isoprobe's executor with
 * its deadlines; Actuator's own endpoint keeps calling them as before.
 */
@AutoConfiguration(before = IsoprobeAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBooleanProperty(name = "isoprobe.enabled", matchIfMissing = true)
public final class IsoprobeHealthIndicatorAutoConfiguration {

  /** The name of the adapter bean; a bean of this name replaces it. */
  public static final String CHECK_SOURCE = "isoprobeHealthIndicatorChecks";

  @Bean(CHECK_SOURCE)
  @ConditionalOnMissingBean(name = CHECK_SOURCE)
  CheckSource isoprobeHealthIndicatorChecks(ListableBeanFactory beans) {
    return new HealthIndicatorCheckSource(beans);
  }
}
