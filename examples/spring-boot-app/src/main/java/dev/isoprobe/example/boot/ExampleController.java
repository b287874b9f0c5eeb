package dev.isoprobe.example.boot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The business endpoint, and the switches that make the database check hang or heal. */
@RestController
class ExampleController {

  private final DatabaseHealthIndicator database;

  ExampleController(DatabaseHealthIndicator database) {
    this.database = database;
  }

  @GetMapping("/hello")
  String hello() {
    return "hello";
  }

  @PostMapping("/admin/hang")
  String hang() {
    database.hang();
    return "db check hangs";
  }

  @PostMapping("/admin/heal")
  String heal() {
    database.heal();
    return "db check healthy";
  }
}
