/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Get it" section names the artifacts the BOM manages, at the version this build
 * will release: a module added to the BOM, or a version bump, shows up there too.
 */
class ReadmeCoordinatesTest {

  private static final String SOURCE =
      "probe-filter/src/test/java/dev/isoprobe/ReadmeCoordinatesTest.java";
  private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>(isoprobe-[^<]+)</artifactId>");

  @Test
  void mavenAndGradleImportTheBomAtTheReleaseVersionAndNameOnlyItsModules() throws IOException {
    List<List<String>> blocks = ReadmeBlocks.after(SOURCE, "xml", "kotlin");
    String maven = String.join("\n", blocks.get(0));
    String gradle = String.join("\n", blocks.get(1));

    assertThat(maven).contains("<artifactId>isoprobe-bom</artifactId>\n      <version>"
        + releaseVersion() + "</version>\n      <type>pom</type>\n      <scope>import</scope>");
    assertThat(managedModules()).containsAll(matches(ARTIFACT_ID, maven).stream()
        .filter(artifactId -> !artifactId.equals("isoprobe-bom")).toList());

    assertThat(gradle)
        .contains("implementation(platform(\"dev.isoprobe:isoprobe-bom:" + releaseVersion() + "\"))");
    Set<String> gradleModules = matches(Pattern.compile("\"dev\\.isoprobe:(isoprobe-[a-z-]+)\""), gradle);
    assertThat(gradleModules).isNotEmpty();
    assertThat(managedModules()).containsAll(gradleModules);
  }

  @Test
  void theTableListsEveryModuleTheBomManages() throws IOException {
    List<String> lines = Files.readAllLines(ReadmeBlocks.README);
    int section = lines.indexOf("## Get it");
    assertThat(section).as("README.md has a '## Get it' section").isNotNegative();
    Set<String> listed = new TreeSet<>();
    for (int i = section + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      Matcher row = Pattern.compile("^\\| `(isoprobe-[a-z-]+)` \\|").matcher(lines.get(i));
      if (row.find()) {
        listed.add(row.group(1));
      }
    }
    assertThat(listed).isEqualTo(managedModules());
  }

  /** The artifacts {@code bom/pom.xml} manages. */
  private static Set<String> managedModules() throws IOException {
    Set<String> modules = matches(ARTIFACT_ID, Files.readString(Path.of("../bom/pom.xml")));
    modules.removeAll(Set.of("isoprobe-bom", "isoprobe-parent"));
    assertThat(modules).hasSizeGreaterThan(5);
    return modules;
  }

  /** The parent's version without {@code -SNAPSHOT}: what this build will be released as. */
  private static String releaseVersion() throws IOException {
    Matcher version = Pattern.compile(
            "<artifactId>isoprobe-parent</artifactId>\\s*<version>([^<]+)</version>")
        .matcher(Files.readString(Path.of("../pom.xml")));
    assertThat(version.find()).as("the parent POM's version").isTrue();
    return version.group(1).replace("-SNAPSHOT", "");
  }

  private static Set<String> matches(Pattern pattern, String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = pattern.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
