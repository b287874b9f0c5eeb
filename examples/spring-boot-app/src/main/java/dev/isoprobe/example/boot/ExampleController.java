/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.boot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The business endpoint, and the switches that make the database hang or heal. */
@RestController
class ExampleController {

  private final DatabaseFreeze database;

  ExampleController(DatabaseFreeze database) {
    this.database = database;
  }

  @GetMapping("/hello")
  String hello() {
    return "hello";
  }

  @PostMapping("/admin/hang")
  String hang() {
    database.hang();
    return "database hangs";
  }

  @PostMapping("/admin/heal")
  String heal() {
    database.heal();
    return "database healthy";
  }
}
