/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application on Tomcat whose only isoprobe setup is the starter dependency and a
 * few properties: {@code /livez}, {@code /readyz}, {@code /startupz} and {@code /healthz} are
 * served on the application port, and Boot's own {@code db} check of the application's
 * DataSource (embedded H2 unless {@code spring.datasource.url} names another) runs on isoprobe's
 * executor with its deadline. {@link DatabaseFreeze} can make the database hang.
 *
 * <p>Try it: start with {@code -Dexample.hang=true} (or {@code EXAMPLE_HANG=true}), or
 * {@code curl -X POST localhost:8080/admin/hang}; {@code /readyz?verbose} then answers 503 with
 * {@code [-]db failed: timeout after 775ms} by its 800 ms deadline, {@code /livez} stays 200, and
 * {@code /hello} is as fast as before. {@code curl -X POST localhost:8080/admin/heal} recovers.
 */
@SpringBootApplication
public class ExampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }
}
