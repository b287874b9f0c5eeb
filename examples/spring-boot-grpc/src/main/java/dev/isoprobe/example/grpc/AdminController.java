/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The switches that make the database hang or heal, for a demonstration or a benchmark. */
@RestController
class AdminController {

  private final DatabaseHealth database;

  AdminController(DatabaseHealth database) {
    this.database = database;
  }

  @PostMapping("/admin/hang")
  String hang() {
    database.hang();
    return "database hangs";
  }

  @PostMapping("/admin/heal")
  String heal() {
    database.release();
    return "database healthy";
  }
}
