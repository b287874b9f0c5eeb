/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md has a line for every {@code isoprobe.*} property: one added without a
 * line fails the build. The properties come from the metadata the annotation processor wrote
 * (what users see in their IDE) and from {@link IsoprobeProperties} itself, recursively, which
 * also reaches the settings under {@code isoprobe.checks.<name>} that the metadata cannot list.
 */
class ConfigurationPropertiesDocTest {

  private static final Path DOC = Path.of("../docs/configuration.md");

  @Test
  void everyPropertyInTheGeneratedMetadataIsDocumented() throws Exception {
    Path classes = Path.of(IsoprobeProperties.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    String metadata = Files.readString(
        classes.resolve("META-INF/spring-configuration-metadata.json"));
    List<String> names = JsonPath.read(metadata, "$.properties[*].name");
    List<String> types = JsonPath.read(metadata, "$.properties[*].type");

    assertThat(names).contains("isoprobe.timeout", "isoprobe.executor.threads");
    String doc = Files.readString(DOC);
    for (int i = 0; i < names.size(); i++) {
      // A map property is documented by its keys' settings: `isoprobe.checks.<name>.timeout`.
      String expected = types.get(i).startsWith("java.util.Map")
          ? "`" + names.get(i) + ".<"
          : "`" + names.get(i) + "`";
      assertThat(doc).as("a line for %s in %s", names.get(i), DOC).contains(expected);
    }
  }

  @Test
  void everyBoundPropertyIsDocumented() throws Exception {
    List<String> names = new ArrayList<>();
    collect("isoprobe", IsoprobeProperties.class, names);

    assertThat(names).contains("isoprobe.shutdown.drain-delay", "isoprobe.checks.<name>.groups");
    String doc = Files.readString(DOC);
    for (String name : names) {
      assertThat(doc).as("a line for %s in %s", name, DOC).contains("`" + name + "`");
    }
  }

  /** Adds the property names {@code type} binds under {@code prefix}, nested classes recursively. */
  private static void collect(String prefix, Class<?> type, List<String> names) throws Exception {
    for (PropertyDescriptor property : Introspector.getBeanInfo(type, Object.class)
        .getPropertyDescriptors()) {
      String name = prefix + "." + kebab(property.getName());
      Class<?> valueType = property.getPropertyType();
      Type generic = property.getReadMethod().getGenericReturnType();
      if (Map.class.isAssignableFrom(valueType) && generic instanceof ParameterizedType map
          && nested(map.getActualTypeArguments()[1])) {
        collect(name + ".<name>", (Class<?>) map.getActualTypeArguments()[1], names);
      } else if (nested(valueType)) {
        collect(name, valueType, names);
      } else {
        names.add(name);
      }
    }
  }

  /** A settings class of ours (not an enum): its properties bind under its own prefix. */
  private static boolean nested(Type type) {
    return type instanceof Class<?> cls && !cls.isEnum()
        && cls.getEnclosingClass() == IsoprobeProperties.class;
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
