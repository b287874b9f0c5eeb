/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.isoprobe.DetailsAuthorizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * {@code isoprobe.details}, {@code details-roles} and {@code details-token} drive what probe
 * bodies show, without Spring Security (roles come from the container's {@code isUserInRole}).
 */
class DetailsPolicyTest {

  private static final String TOKEN = "0123456789abcdef-token";

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
          IsoprobeAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
          IsoprobeHealthContributorAutoConfiguration.class))
      .withBean("dbHealthIndicator", HealthIndicator.class,
          () -> () -> Health.up().withDetail("pool", "ok").build());

  @Test
  void neverIsTheDefaultAndShowsNoDetails() {
    runner.run(context -> assertThat(body(context, "none")).contains("[+]db ok").doesNotContain("pool"));
  }

  @Test
  void alwaysShowsDetailsToEveryCaller() {
    runner.withPropertyValues("isoprobe.details=always")
        .run(context -> assertThat(body(context, "none")).contains("[+]db ok", "pool=ok"));
  }

  @Test
  void whenAuthorizedShowsDetailsToCallersInARole() {
    runner.withPropertyValues("isoprobe.details=when-authorized", "isoprobe.details-roles=ops,admin")
        .run(context -> {
          assertThat(body(context, "none")).contains("[+]db ok").doesNotContain("pool");
          assertThat(body(context, "role:dev")).doesNotContain("pool");
          assertThat(body(context, "role:ops")).contains("pool=ok");
          assertThat(body(context, "role:admin")).contains("pool=ok");
          assertThat(body(context, "token:" + TOKEN)).doesNotContain("pool");
        });
  }

  @Test
  void whenAuthorizedShowsDetailsToCallersThatSendTheToken() {
    runner.withPropertyValues("isoprobe.details=when-authorized",
            "isoprobe.details-token.value=" + TOKEN)
        .run(context -> {
          assertThat(body(context, "token:" + TOKEN)).contains("pool=ok");
          assertThat(body(context, "token:" + TOKEN.toUpperCase())).doesNotContain("pool");
          assertThat(body(context, "role:ops")).doesNotContain("pool");
          assertThat(body(context, "none")).doesNotContain("pool");
        });
  }

  @Test
  void tokenHeaderIsConfigurable() {
    runner.withPropertyValues("isoprobe.details=when-authorized",
            "isoprobe.details-token.value=" + TOKEN, "isoprobe.details-token.header=X-Ops")
        .run(context -> {
          assertThat(MockProbe.get(context, "/readyz?verbose",
              request -> request.addHeader("X-Ops", TOKEN)).getContentAsString()).contains("pool=ok");
          assertThat(body(context, "token:" + TOKEN)).doesNotContain("pool");
        });
  }

  @Test
  void aDetailsAuthorizerBeanReplacesRolesAndToken() {
    runner.withPropertyValues("isoprobe.details=when-authorized", "isoprobe.details-roles=ops")
        .withBean(DetailsAuthorizer.class, () -> request -> "yes".equals(request.getHeader("X-Mine")))
        .run(context -> {
          assertThat(MockProbe.get(context, "/readyz?verbose",
              request -> request.addHeader("X-Mine", "yes")).getContentAsString()).contains("pool=ok");
          assertThat(body(context, "role:ops")).doesNotContain("pool");
        });
  }

  @Test
  void whenAuthorizedWithNothingToAuthorizeWithFailsStartupNamingTheProperty() {
    assertFails(List.of("isoprobe.details", "isoprobe.details-roles", "isoprobe.details-token.value",
        "DetailsAuthorizer bean"), "isoprobe.details=when-authorized");
  }

  @Test
  void shortTokenFailsStartupNamingThePropertyWithoutLoggingTheToken() {
    List<String> messages = assertFails(
        List.of("isoprobe.details-token.value: 10 characters (expected: at least 16)"),
        "isoprobe.details=when-authorized", "isoprobe.details-token.value=S3cr3tV4lu");
    assertThat(messages).noneMatch(message -> message.contains("S3cr3tV4lu"));
  }

  @Test
  void badRolesAndHeaderFailStartupNamingTheProperty() {
    assertFails(List.of("isoprobe.details-roles"), "isoprobe.details-roles=ops,,");
    assertFails(List.of("isoprobe.details-token.header: ''"), "isoprobe.details-token.header=");
  }

  /** Asks {@code /readyz?verbose} as a caller: {@code none}, {@code role:<r>} or {@code token:<t>}. */
  private static String body(AssertableWebApplicationContext context, String caller)
      throws Exception {
    AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
    AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    return MockProbe.get(context, "/readyz?verbose", request -> {
      if (caller.startsWith("role:")) {
        request.addUserRole(caller.substring("role:".length()));
      } else if (caller.startsWith("token:")) {
        request.addHeader("X-Probe-Token", caller.substring("token:".length()));
      }
    }).getContentAsString();
  }

  private List<String> assertFails(List<String> expected, String... properties) {
    List<String> messages = new ArrayList<>();
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
        messages.add(String.valueOf(cause.getMessage()));
      }
    });
    for (String part : expected) {
      assertThat(messages).anySatisfy(message -> assertThat(message).contains(part));
    }
    return messages;
  }
}
