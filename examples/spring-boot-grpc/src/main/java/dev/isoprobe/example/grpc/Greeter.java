/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.example.grpc;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * The application's own gRPC service, {@code example.Greeter/Hello}: Spring gRPC starts its
 * server, and adds a health service to it, only for an application that has one. Written by
 * hand with a UTF-8 string marshaller, so that the example needs no protoc.
 */
@Component
public class Greeter implements BindableService {

  /** Greets the name it is sent. */
  public static final MethodDescriptor<String, String> HELLO =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName("example.Greeter", "Hello"))
          .setRequestMarshaller(Utf8.INSTANCE)
          .setResponseMarshaller(Utf8.INSTANCE)
          .build();

  @Override
  public ServerServiceDefinition bindService() {
    return ServerServiceDefinition.builder("example.Greeter")
        .addMethod(HELLO, ServerCalls.asyncUnaryCall((name, answer) -> {
          answer.onNext("hello " + name);
          answer.onCompleted();
        }))
        .build();
  }

  /** A message that is a UTF-8 string. */
  enum Utf8 implements MethodDescriptor.Marshaller<String> {
    INSTANCE;

    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
