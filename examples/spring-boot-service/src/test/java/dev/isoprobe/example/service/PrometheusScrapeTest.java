/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * docs/metrics.md and docs/troubleshooting.md name the series a real {@code /actuator/prometheus}
 * of this service shows, and only those: a renamed meter, a new one or a series written from
 * memory fails here.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.autoconfigure.exclude="
    + "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration")
class PrometheusScrapeTest extends ServiceTest {

  private static final Pattern SERIES_IN_DOCS = Pattern.compile("\\bisoprobe_[a-z_]+");
  private static final Pattern FAMILY = Pattern.compile("^# TYPE (isoprobe_[a-z_]+) ([a-z]+)$",
      Pattern.MULTILINE);

  @Test
  void everySeriesTheDocsNameIsInARealScrapeAndEveryIsoprobeFamilyIsDocumented() throws Exception {
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    String scrape = getAsOps("/actuator/prometheus").body();

    Set<String> families = new TreeSet<>();
    Set<String> series = new TreeSet<>();
    Matcher family = FAMILY.matcher(scrape);
    while (family.find()) {
      families.add(family.group(1));
      series.addAll(seriesOf(family.group(1), family.group(2)));
    }
    assertThat(families).isNotEmpty();
    String metricsDoc = Files.readString(Path.of("../../docs/metrics.md"));
    String troubleshooting = Files.readString(Path.of("../../docs/troubleshooting.md"));
    assertThat(namedIn(metricsDoc + troubleshooting)).isSubsetOf(series);
    assertThat(families).allSatisfy(name -> assertThat(metricsDoc).contains("`" + name));
  }

  /** The series Prometheus stores for a family of this type. */
  private static Set<String> seriesOf(String family, String type) {
    return switch (type) {
      case "summary", "histogram" -> Set.of(family + "_count", family + "_sum", family + "_bucket");
      default -> Set.of(family);
    };
  }

  private static Set<String> namedIn(String text) {
    Set<String> names = new TreeSet<>();
    Matcher name = SERIES_IN_DOCS.matcher(text);
    while (name.find()) {
      names.add(name.group());
    }
    return names;
  }
}
