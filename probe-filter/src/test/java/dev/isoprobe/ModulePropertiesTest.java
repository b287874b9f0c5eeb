/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isoprobe.internal.ModuleProperties;
import dev.isoprobe.internal.ModuleProperties.Property;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Another module's properties (the servlet module's) are read with the core's settings, in the
 * core's forms and words, and are the core's own keys nowhere else.
 */
class ModulePropertiesTest {

  private static final Property FLAG = Property.flag("register-filter");
  private static final Property NAMES = Property.names("check-providers");

  @Test
  void theyAreReadWithTheProbesSettingsInEveryFormOfKeyAndValue() {
    ModuleProperties.Loaded loaded = ModuleProperties.load(Map.of("isoprobe.registerFilter", "TRUE",
        "isoprobe.check_providers", " com.example.Db , com.example.Cache ",
        "isoprobe.timeout", "500ms"), List.of(FLAG, NAMES));

    assertThat(loaded.flag(FLAG)).isTrue();
    assertThat(loaded.names(NAMES)).containsExactly("com.example.Db", "com.example.Cache");
    assertThat(loaded.probes().asMap()).containsEntry("isoprobe.timeout", "PT0.5S")
        .doesNotContainKeys("isoprobe.register-filter", "isoprobe.check-providers");
  }

  @Test
  void unsetTheyHaveTheirDefaults() {
    ModuleProperties.Loaded loaded = ModuleProperties.load(Map.of(), List.of(FLAG, NAMES));

    assertThat(loaded.flag(FLAG)).isFalse();
    assertThat(loaded.names(NAMES)).isEmpty();
  }

  @Test
  void aBadValueIsRefusedInTheCoresWordsSayingWhereItWasSet() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ModuleProperties.load(Map.of("isoprobe.register-filter", "maybe"),
            List.of(FLAG)))
        .isInstanceOf(InvalidSettingException.class)
        .withMessage("isoprobe.register-filter: 'maybe' (expected: true or false), "
            + "set by init-parameter isoprobe.register-filter");
  }

  @Test
  void theModulesOwnRefusalSaysWhereTheValueWasSet() {
    ModuleProperties.Loaded loaded = ModuleProperties.load(
        Map.of("isoprobe.check-providers", "com.example.Nope"), List.of(NAMES));

    ClassNotFoundException why = new ClassNotFoundException("com.example.Nope");
    InvalidSettingException refusal = loaded.refusal(NAMES, "'com.example.Nope'", "a class", why);

    assertThat(refusal).hasMessage("isoprobe.check-providers: 'com.example.Nope' (expected: a "
        + "class), set by init-parameter isoprobe.check-providers");
    assertThat(refusal.key()).isEqualTo("isoprobe.check-providers");
    assertThat(refusal.origin()).contains("init-parameter isoprobe.check-providers");
    assertThat(refusal).hasRootCause(why);
  }

  @Test
  void whatIsInEffectListsTheModulesPropertiesWithTheCores() {
    ModuleProperties.Loaded loaded = ModuleProperties.load(
        Map.of("isoprobe.check-providers", "com.example.Db"), List.of(FLAG, NAMES));

    assertThat(loaded.asMap()).containsEntry("isoprobe.check-providers", "com.example.Db")
        .containsEntry("isoprobe.register-filter", "false")
        .containsAllEntriesOf(loaded.probes().asMap());
  }

  /**
   * On a class path the internal package is open to any class: a reader set before the core's
   * would see every later load's settings, the details token among them, and fail the core's
   * initialisation for good.
   */
  @Test
  void noClassButTheCoreSetsTheReader() throws Exception {
    try (URLClassLoader fresh = coreLoadedAgain()) {
      Class<?> modules = fresh.loadClass(ModuleProperties.class.getName());
      Class<?> readerType = fresh.loadClass(ModuleProperties.Reader.class.getName());
      Object stranger = Proxy.newProxyInstance(fresh, new Class<?>[] {readerType},
          (proxy, method, arguments) -> null);

      // First, before the core initialised: refused, and the core initialises and reads after.
      assertThatThrownBy(() -> modules.getMethod("reader", readerType).invoke(null, stranger))
          .hasCauseInstanceOf(IllegalStateException.class);
      Object loaded = modules.getMethod("load", Map.class, List.class)
          .invoke(null, Map.of("isoprobe.timeout", "500ms"), List.of());
      assertThat(loaded.getClass().getName()).isEqualTo(ModuleReader.class.getName());
    }
  }

  /** Returns a loader of the core's classes of its own, as a second web application has. */
  private static URLClassLoader coreLoadedAgain() {
    URL classes = ProbesConfig.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {classes}, ModulePropertiesTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          Class<?> own = findLoadedClass(name);
          if (own == null && name.startsWith("dev.isoprobe.")) {
            try {
              own = findClass(name);
            } catch (ClassNotFoundException notTheCores) {
              // A test's class: the parent's.
            }
          }
          return own != null ? own : super.loadClass(name, resolve);
        }
      }
    };
  }

  @Test
  void anEnvironmentVariableSetsOneAsItSetsTheCoresOwn() {
    List<Setting<?>> module = List.of(Setting.of("register-filter", ConfigValues.BOOLEAN, "false"));

    ProbesConfig config = ProbesConfig.parse(ConfigSources.read(Map.of(), new Properties(),
        Map.of("ISOPROBE_REGISTERFILTER", "true"), null, ProbesConfig.keys(module)), module);

    assertThat((Boolean) config.get(module.get(0))).isTrue();
    assertThat(config.origin(module.get(0))).isEqualTo("environment variable ISOPROBE_REGISTERFILTER");
  }

  @Test
  void withoutTheModuleTheyAreNoSettingOfIsoprobe() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ProbesConfig.from(Map.of("isoprobe.register-filter", "true")))
        .withMessageStartingWith("isoprobe.register-filter: not a setting of isoprobe");
  }

  @Test
  void aPropertyNotOfTheLoadIsRefusedAsAMistakeOfIsoprobesOwn() {
    ModuleProperties.Loaded loaded = ModuleProperties.load(Map.of(), List.of(FLAG));

    assertThatIllegalArgumentException().isThrownBy(() -> loaded.names(NAMES));
    assertThatIllegalArgumentException().isThrownBy(() -> loaded.names(FLAG));
  }
}
