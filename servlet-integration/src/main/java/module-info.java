/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/** isoprobe declared in {@code web.xml} or registered by its initializer, set by properties. */
module dev.isoprobe.servlet {
  exports dev.isoprobe.servlet;

  requires transitive dev.isoprobe;
  requires transitive jakarta.servlet;
  requires dev.isoprobe.shutdown;
  requires org.slf4j;

  uses dev.isoprobe.servlet.CheckProvider;

  provides jakarta.servlet.ServletContainerInitializer with dev.isoprobe.servlet.IsoprobeInitializer;
}
