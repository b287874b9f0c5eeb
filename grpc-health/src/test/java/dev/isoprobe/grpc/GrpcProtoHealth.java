/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * grpc-proto's current {@code grpc/health/v1/health.proto} (commit 99135b1, 2026-03-31), as a
 * runtime descriptor: grpc-java's file, which has {@code Check} and {@code Watch}, with
 * {@code HealthListRequest}, {@code HealthListResponse} and {@code List} added by hand as that
 * file defines them. A client built on it stands for one generated from grpc-proto's file
 * (grpc-go's, or grpcurl's with {@code -proto}).
 */
final class GrpcProtoHealth {

  static final FileDescriptor FILE = build();
  static final Descriptor LIST_REQUEST = FILE.findMessageTypeByName("HealthListRequest");
  static final Descriptor LIST_RESPONSE = FILE.findMessageTypeByName("HealthListResponse");
  private static final Descriptor CHECK_RESPONSE = FILE.findMessageTypeByName("HealthCheckResponse");
  private static final Descriptor ENTRY = LIST_RESPONSE.findNestedTypeByName("StatusesEntry");
  private static final FieldDescriptor STATUSES = LIST_RESPONSE.findFieldByName("statuses");
  private static final FieldDescriptor STATUS = CHECK_RESPONSE.findFieldByName("status");

  /** {@code List} as a client generated from grpc-proto's file calls it: dynamic messages. */
  static final MethodDescriptor<DynamicMessage, DynamicMessage> LIST =
      MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(
              FILE.findServiceByName("Health").getFullName(),
              FILE.findServiceByName("Health").findMethodByName("List").getName()))
          .setRequestMarshaller(marshaller(LIST_REQUEST))
          .setResponseMarshaller(marshaller(LIST_RESPONSE))
          .build();

  private GrpcProtoHealth() {
  }

  private static FileDescriptor build() {
    FileDescriptorProto grpcJava = HealthCheckResponse.getDescriptor().getFile().toProto();
    FileDescriptorProto.Builder file = grpcJava.toBuilder();
    // message HealthListRequest {}
    file.addMessageType(DescriptorProto.newBuilder().setName("HealthListRequest"));
    // message HealthListResponse { map<string, HealthCheckResponse> statuses = 1; }
    file.addMessageType(DescriptorProto.newBuilder().setName("HealthListResponse")
        .addNestedType(DescriptorProto.newBuilder().setName("StatusesEntry")
            .addField(field("key", 1, FieldDescriptorProto.Type.TYPE_STRING, null))
            .addField(field("value", 2, FieldDescriptorProto.Type.TYPE_MESSAGE,
                ".grpc.health.v1.HealthCheckResponse"))
            .setOptions(MessageOptions.newBuilder().setMapEntry(true)))
        .addField(field("statuses", 1, FieldDescriptorProto.Type.TYPE_MESSAGE,
            ".grpc.health.v1.HealthListResponse.StatusesEntry")
            .setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)));
    // rpc List(HealthListRequest) returns (HealthListResponse);
    ServiceDescriptorProto.Builder health = file.getServiceBuilder(0);
    health.addMethod(MethodDescriptorProto.newBuilder().setName("List")
        .setInputType(".grpc.health.v1.HealthListRequest")
        .setOutputType(".grpc.health.v1.HealthListResponse"));
    try {
      return FileDescriptor.buildFrom(file.build(), new FileDescriptor[0]);
    } catch (DescriptorValidationException invalid) {
      throw new IllegalStateException(invalid);
    }
  }

  private static FieldDescriptorProto.Builder field(String name, int number,
      FieldDescriptorProto.Type type, String typeName) {
    FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name)
        .setNumber(number).setType(type).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL)
        .setJsonName(name);
    return typeName == null ? field : field.setTypeName(typeName);
  }

  private static MethodDescriptor.Marshaller<DynamicMessage> marshaller(Descriptor type) {
    return new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(DynamicMessage message) {
        return new ByteArrayInputStream(message.toByteArray());
      }

      @Override
      public DynamicMessage parse(InputStream stream) {
        try {
          return DynamicMessage.parseFrom(type, stream);
        } catch (InvalidProtocolBufferException invalid) {
          throw new IllegalArgumentException(invalid);
        } catch (IOException failed) {
          throw new UncheckedIOException(failed);
        }
      }
    };
  }

  /** Returns a {@code HealthListResponse} with these statuses, in this order. */
  static DynamicMessage response(Map<String, ServingStatus> statuses) {
    DynamicMessage.Builder response = DynamicMessage.newBuilder(LIST_RESPONSE);
    statuses.forEach((key, status) -> response.addRepeatedField(STATUSES, DynamicMessage
        .newBuilder(ENTRY)
        .setField(ENTRY.findFieldByName("key"), key)
        .setField(ENTRY.findFieldByName("value"), DynamicMessage.newBuilder(CHECK_RESPONSE)
            .setField(STATUS, STATUS.getEnumType().findValueByNumber(status.getNumber())).build())
        .build()));
    return response.build();
  }

  /** Returns a {@code HealthListResponse}'s statuses, in the order it holds them. */
  static Map<String, ServingStatus> statuses(DynamicMessage response) {
    Map<String, ServingStatus> statuses = new LinkedHashMap<>();
    for (Object entry : (List<?>) response.getField(STATUSES)) {
      DynamicMessage pair = (DynamicMessage) entry;
      DynamicMessage value = (DynamicMessage) pair.getField(ENTRY.findFieldByName("value"));
      EnumValueDescriptor status = (EnumValueDescriptor) value.getField(STATUS);
      statuses.put((String) pair.getField(ENTRY.findFieldByName("key")),
          ServingStatus.forNumber(status.getNumber()));
    }
    return statuses;
  }
}
