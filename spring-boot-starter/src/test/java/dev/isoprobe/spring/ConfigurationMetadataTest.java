/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;

/** The IDE metadata the annotation processor writes: every property, each with a description. */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyIsDescribed() throws Exception {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata").isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> properties = (List<Map<String, Object>>)
        JsonParserFactory.getJsonParser().parseMap(json).get("properties");
    assertThat(properties).extracting(property -> property.get("name")).containsExactlyInAnyOrder(
        "isoprobe.enabled", "isoprobe.server", "isoprobe.timeout", "isoprobe.warm-up", "isoprobe.details",
        "isoprobe.details-roles", "isoprobe.log-error-messages", "isoprobe.failure-threshold",
        "isoprobe.success-threshold",
        "isoprobe.details-token.header", "isoprobe.details-token.value",
        "isoprobe.executor.threads", "isoprobe.executor.queue-capacity",
        "isoprobe.executor.liveness-threads", "isoprobe.paths.liveness", "isoprobe.paths.readiness",
        "isoprobe.paths.startup", "isoprobe.paths.health", "isoprobe.shutdown.drain-delay",
        "isoprobe.shutdown.timeout", "isoprobe.metrics.enabled", "isoprobe.grpc.enabled",
        "isoprobe.checks");
    assertThat(properties).allSatisfy(property -> assertThat((String) property.get("description"))
        .as(String.valueOf(property.get("name"))).isNotBlank());
  }
}
