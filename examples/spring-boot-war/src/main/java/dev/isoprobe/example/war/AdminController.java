/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.war;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own endpoint, {@code /hello}, and the switch of the {@code db} check:
 * {@code POST /admin/hang}, {@code POST /admin/heal}, {@code GET /admin/entered} (checks started
 * since the last hang) and {@code GET /admin/running} (checks running now).
 */
@RestController
public class AdminController {

  private final HangableDbHealthIndicator db;

  /** Created by Spring. */
  public AdminController(HangableDbHealthIndicator db) {
    this.db = db;
  }

  @GetMapping("/hello")
  public String hello() {
    return "hello\n";
  }

  @PostMapping("/admin/hang")
  public String hang() {
    db.hang();
    return "ok\n";
  }

  @PostMapping("/admin/heal")
  public String heal() {
    db.heal();
    return "ok\n";
  }

  @GetMapping("/admin/entered")
  public String entered() {
    return db.entered() + "\n";
  }

  @GetMapping("/admin/running")
  public String running() {
    return db.running() + "\n";
  }
}
