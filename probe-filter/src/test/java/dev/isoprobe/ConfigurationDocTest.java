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
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md has a line for every public method of the builders: a setting added
 * without one fails the build.
 */
class ConfigurationDocTest {

  static final Path DOC = Path.of("../docs/configuration.md");

  @Test
  void everyProbesBuilderMethodIsDocumented() throws IOException {
    assertThat(section("`Probes.Builder`")).contains(signatures(Probes.Builder.class));
  }

  @Test
  void everyCheckBuilderMethodIsDocumented() throws IOException {
    assertThat(section("`Check.Builder`"))
        .contains(signatures(Check.Builder.class))
        .contains("`builder(String, HealthCheck)`");
  }

  @Test
  void everyPropertyAndProbesConfigMethodIsDocumented() throws IOException {
    String section = section("Properties (`isoprobe.*`)");
    assertThat(section).contains(ProbesConfig.keys().stream().map(key -> "| `" + key + "` |")
        .toArray(String[]::new));
    assertThat(section).contains(Arrays.stream(signatures(ProbesConfig.class))
        .filter(signature -> !signature.equals("`toString()`")).toArray(String[]::new));
  }

  @Test
  void signaturesNameTheParameterTypes() throws NoSuchMethodException {
    assertThat(signature(Check.Builder.class.getMethod("groups", Group.class, Group[].class)))
        .isEqualTo("`groups(Group, Group...)`");
  }

  /** Returns the text under the {@code ## heading} of the doc, up to the next such heading. */
  static String section(String heading) throws IOException {
    String doc = Files.readString(DOC);
    int start = doc.indexOf("\n## " + heading + "\n");
    assertThat(start).as("section ## %s in %s", heading, DOC).isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  /** Returns each public method of {@code type} as the doc writes it: {@code `name(Type, Type)`}. */
  static String[] signatures(Class<?> type) {
    List<String> all = Arrays.stream(type.getDeclaredMethods())
        .filter(method -> Modifier.isPublic(method.getModifiers()) && !method.isSynthetic())
        .map(ConfigurationDocTest::signature)
        .distinct()
        .sorted()
        .collect(Collectors.toList());
    assertThat(all).as("public methods of %s", type).isNotEmpty();
    return all.toArray(new String[0]);
  }

  static String signature(Method method) {
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
