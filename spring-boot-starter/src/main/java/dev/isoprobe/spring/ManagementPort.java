/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.spring;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/** Whether Actuator's management server runs on a port of its own, beside the application's. */
final class ManagementPort {

  private static final boolean ACTUATOR = ClassUtils.isPresent(
      "org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType",
      ManagementPort.class.getClassLoader());

  private ManagementPort() {}

  static boolean isOwn(Environment environment) {
    return ACTUATOR && Actuator.portType(environment) == ManagementPortType.DIFFERENT;
  }

  /** Loaded only with Actuator's auto-configuration on the classpath. */
  private static final class Actuator {
    static ManagementPortType portType(Environment environment) {
      return ManagementPortType.get(environment);
    }
  }
}
