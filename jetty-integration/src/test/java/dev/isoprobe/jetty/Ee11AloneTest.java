/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.isoprobe.Probes;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;

/**
 * An application on Jetty ee11 alone, with no ee10 artifact: {@link JettyEe11Probes} loads and
 * installs without touching an ee10 type.
 */
class Ee11AloneTest {

  /** Hides Jetty ee10; this module's classes are loaded afresh, above it. */
  private static final class NoEe10Loader extends ClassLoader {
    NoEe10Loader(ClassLoader parent) {
      super("no-ee10", parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("org.eclipse.jetty.ee10.") || name.startsWith("dev.isoprobe.jetty.")) {
        throw new ClassNotFoundException(name + " (hidden)");
      }
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void installsInAnEe11ContextWithNoEe10ClassOnTheClassPath() throws Exception {
    URL module = JettyEe11Probes.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader ee11Only = new URLClassLoader(new URL[] {module},
        new NoEe10Loader(Ee11AloneTest.class.getClassLoader()));
    assertThatThrownBy(() -> Class.forName("org.eclipse.jetty.ee10.servlet.ServletContextHandler",
        false, ee11Only)).isInstanceOf(ClassNotFoundException.class);
    ServletContextHandler context = new ServletContextHandler("/");
    try (Probes probes = Probes.builder().build()) {
      Class<?> installer = Class.forName("dev.isoprobe.jetty.JettyEe11Probes", true, ee11Only);
      installer.getMethod("install", ServletContextHandler.class, Probes.class, Duration.class)
          .invoke(null, context, probes, Duration.ofSeconds(1));

      assertThat(context.getServletHandler().getFilters()).extracting(holder -> holder.getName())
          .containsExactly(JettyProbes.FILTER_NAME);
      assertThat(context.getBeans()).extracting(bean -> bean.getClass().getName())
          .contains("dev.isoprobe.jetty.ShutdownComponent");
    }
  }
}
