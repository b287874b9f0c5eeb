package dev.isoprobe.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** docs/configuration.md has a line for every public method of {@link GracefulShutdown.Builder}. */
class ConfigurationDocTest {

  @Test
  void everyBuilderMethodIsDocumented() throws IOException {
    String doc = Files.readString(Path.of("../docs/configuration.md"));
    int start = doc.indexOf("\n## `GracefulShutdown.Builder`\n");
    assertThat(start).isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    String section = doc.substring(start, end);

    String[] methods = Arrays.stream(GracefulShutdown.Builder.class.getDeclaredMethods())
        .filter(method -> Modifier.isPublic(method.getModifiers()))
        .map(ConfigurationDocTest::signature)
        .toArray(String[]::new);

    assertThat(methods).contains("`drainDelay(Duration)`", "`timeout(Duration)`");
    assertThat(section).contains(methods).contains("`builder(Probes)`");
  }

  private static String signature(Method method) {
    return "`" + method.getName() + "(" + String.join(", ", Arrays.stream(method.getParameterTypes())
        .map(Class::getSimpleName).toArray(String[]::new)) + ")`";
  }
}
