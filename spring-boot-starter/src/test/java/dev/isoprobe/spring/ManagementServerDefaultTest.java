package dev.isoprobe.spring;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** {@code isoprobe.server=application}, the default. */
@TestPropertySource(properties = "isoprobe.server=application")
@DirtiesContext // so isoprobe threads counted by other classes are their own
class ManagementServerDefaultTest extends ManagementServerContract {

  @Override
  boolean onApplicationPort() {
    return true;
  }

  @Override
  boolean onManagementPort() {
    return false;
  }
}
