/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.examples.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where the db check's PostgreSQL comes from: EXAMPLE_DB_URL or -Dexample.db.url. */
class PostgresCheckTest {

  private static Properties properties(String... keysAndValues) {
    Properties properties = new Properties();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
    }
    return properties;
  }

  @Test
  void noUrlMeansTheStandIn() {
    assertThat(PostgresCheck.configured(Map.of(), properties())).isEmpty();
    assertThat(PostgresCheck.configured(Map.of("EXAMPLE_DB_URL", " "), properties())).isEmpty();
  }

  @Test
  void theEnvironmentOrASystemPropertyNamesTheDatabase() {
    assertThat(PostgresCheck.configured(
        Map.of("EXAMPLE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres"), properties()))
        .isPresent();
    // The property wins: a bad environment variable beside it is never read.
    assertThat(PostgresCheck.configured(Map.of("EXAMPLE_DB_URL", "not a url"),
        properties("example.db.url", "jdbc:postgresql://127.0.0.1:5432/postgres"))).isPresent();
  }

  @Test
  void anotherUrlIsRefusedByNameWithoutItsValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PostgresCheck.configured(
            Map.of("EXAMPLE_DB_URL", "jdbc:mysql://app:s3cret@db/app"), properties()))
        .withMessage("EXAMPLE_DB_URL: expected jdbc:postgresql://host:port/database")
        .withMessageNotContaining("s3cret");
  }
}
