/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot 4.1 application that serves HTTP on Tomcat and gRPC on Spring gRPC's Netty
 * server. With the isoprobe starter and isoprobe-grpc on the class path, its
 * {@code grpc.health.v1.Health} is isoprobe's, answered from the same checks as {@code /readyz}.
 */
@SpringBootApplication
public class GrpcExampleApplication {

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(GrpcExampleApplication.class, args);
  }
}
