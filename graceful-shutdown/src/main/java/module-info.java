/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
/** The container-neutral shutdown sequence of isoprobe's probes: drain, then stop. */
module dev.isoprobe.shutdown {
  exports dev.isoprobe.shutdown;

  requires transitive dev.isoprobe;
  requires org.slf4j;
}
