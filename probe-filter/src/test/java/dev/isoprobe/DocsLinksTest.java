/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link in README.md and docs/*.md leads to a file, and to a heading if it names one. */
class DocsLinksTest {

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void relativeLinksResolve() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("../README.md")));
    try (Stream<Path> docs = Files.list(Path.of("../docs"))) {
      docs.filter(page -> page.toString().endsWith(".md")).forEach(pages::add);
    }
    int links = 0;
    for (Path page : pages) {
      Matcher link = LINK.matcher(Files.readString(page));
      while (link.find()) {
        String target = link.group(1);
        if (target.contains("://") || target.startsWith("mailto:")) {
          continue;
        }
        links++;
        int hash = target.indexOf('#');
        Path file = hash == 0 ? page
            : page.resolveSibling(hash < 0 ? target : target.substring(0, hash)).normalize();
        assertThat(file).as("link %s in %s", target, page).exists();
        if (hash >= 0) {
          assertThat(anchors(file)).as("link %s in %s", target, page)
              .contains(target.substring(hash + 1));
        }
      }
    }
    assertThat(links).isGreaterThan(10);
  }

  /** GitHub's anchors: a heading in lower case, punctuation dropped, spaces as hyphens. */
  private static List<String> anchors(Path file) throws IOException {
    List<String> anchors = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("#")) {
        anchors.add(line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }
}
