/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * docs/configuration.md as the modules' ConfigurationDocTests read it: its sections, and the
 * public methods of a type written as the doc writes them (shared through
 * isoprobe-test-support).
 */
public final class ConfigurationDoc {

  /** The doc, from a module's directory. */
  public static final Path DOC = Path.of("../docs/configuration.md");

  private ConfigurationDoc() {}

  /** Returns the text under the {@code ## heading} of the doc, up to the next such heading. */
  public static String section(String heading) throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("\n## " + heading + "\n");
    assertThat(start).as("section ## %s in %s", heading, DOC).isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  /** Returns each public method of {@code type} as the doc writes it: {@code `name(Type, Type)`}. */
  public static String[] signatures(Class<?> type) {
    List<String> all = Arrays.stream(type.getDeclaredMethods())
        .filter(method -> Modifier.isPublic(method.getModifiers()) && !method.isSynthetic())
        .map(ConfigurationDoc::signature)
        .distinct()
        .sorted()
        .collect(Collectors.toList());
    assertThat(all).as("public methods of %s", type).isNotEmpty();
    return all.toArray(new String[0]);
  }

  /** Returns {@code method} as the doc writes it, a last varargs parameter as {@code Type...}. */
  public static String signature(Method method) {
    Class<?>[] types = method.getParameterTypes();
    String[] names = new String[types.length];
    for (int i = 0; i < types.length; i++) {
      names[i] = method.isVarArgs() && i == types.length - 1
          ? types[i].getComponentType().getSimpleName() + "..."
          : types[i].getSimpleName();
    }
    return "`" + method.getName() + "(" + String.join(", ", names) + ")`";
  }
}
