package dev.isoprobe.spring;

import org.springframework.test.annotation.DirtiesContext;

/** {@code isoprobe.server} unset: {@code application}, the default. */
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
