/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Empty;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code HealthListRequest} and {@code HealthListResponse} as {@link ListMessages} writes and
 * reads them, against protobuf-java's own reading and writing of grpc-proto's definition
 * ({@link GrpcProtoHealth}).
 */
class ListMessagesTest {

  private static final Map<String, ServingStatus> STATUSES = statuses(
      "", ServingStatus.SERVING, "liveness", ServingStatus.SERVING,
      "readiness", ServingStatus.NOT_SERVING, "db/primary", ServingStatus.NOT_SERVING,
      "unknown", ServingStatus.UNKNOWN, "gone", ServingStatus.SERVICE_UNKNOWN,
      "ünïcode-名前", ServingStatus.SERVING);

  private static Map<String, ServingStatus> statuses(Object... pairs) {
    Map<String, ServingStatus> statuses = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      statuses.put((String) pairs[i], (ServingStatus) pairs[i + 1]);
    }
    return statuses;
  }

  @Test
  void theMethodIsGrpcProtosListOfTheHealthService() {
    MethodDescriptor list = GrpcProtoHealth.FILE.findServiceByName("Health")
        .findMethodByName("List");
    assertThat(HealthList.METHOD.getFullMethodName())
        .isEqualTo(list.getService().getFullName() + "/" + list.getName())
        .isEqualTo("grpc.health.v1.Health/List");
    assertThat(HealthList.METHOD.getType()).isEqualTo(io.grpc.MethodDescriptor.MethodType.UNARY);
    assertThat(list.getInputType()).isEqualTo(GrpcProtoHealth.LIST_REQUEST);
    assertThat(list.getOutputType()).isEqualTo(GrpcProtoHealth.LIST_RESPONSE);
  }

  @Test
  void whatItWritesProtobufReadsAsTheSameMapAndWritesByteForByteTheSame() throws Exception {
    byte[] written = ListMessages.write(STATUSES);

    DynamicMessage read = DynamicMessage.parseFrom(GrpcProtoHealth.LIST_RESPONSE, written);
    assertThat(read.getUnknownFields().asMap()).isEmpty();
    assertThat(GrpcProtoHealth.statuses(read)).containsExactlyEntriesOf(STATUSES);
    // protobuf-java writes a map entry's key and value even when they are the defaults
    assertThat(read.toByteArray()).isEqualTo(written);
  }

  @Test
  void whatProtobufWritesItReadsAsTheSameMap() throws Exception {
    byte[] written = GrpcProtoHealth.response(STATUSES).toByteArray();

    assertThat(ListMessages.RESPONSE.parse(new ByteArrayInputStream(written)))
        .containsExactlyEntriesOf(STATUSES)
        .isUnmodifiable();
    assertThat(ListMessages.RESPONSE.parse(new ByteArrayInputStream(new byte[0]))).isEmpty();
  }

  @Test
  void itReadsAsProtobufDoesWhatProtobufMayWriteOtherwise() throws Exception {
    // An entry with no key and no value, one with a value and no status, a repeated key, and
    // fields a newer definition may add, in the message and in an entry.
    byte[] entryWithoutAnything = {};
    byte[] entryWithEmptyValue = {0x0a, 0x01, 'a', 0x12, 0x00};
    byte[] firstB = {0x0a, 0x01, 'b', 0x12, 0x02, 0x08, 0x01};
    byte[] secondBWithUnknownField = {0x0a, 0x01, 'b', 0x12, 0x02, 0x08, 0x02, 0x18, 0x07};
    UnknownFieldSet unknown = UnknownFieldSet.newBuilder().addField(9,
        UnknownFieldSet.Field.newBuilder().addVarint(42).build()).build();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] entry : new byte[][] {entryWithoutAnything, entryWithEmptyValue, firstB}) {
      bytes.write(new byte[] {0x0a, (byte) entry.length});
      bytes.write(entry);
    }
    bytes.write(unknown.toByteArray());
    bytes.write(new byte[] {0x0a, (byte) secondBWithUnknownField.length});
    bytes.write(secondBWithUnknownField);

    Map<String, ServingStatus> expected = statuses("", ServingStatus.UNKNOWN,
        "a", ServingStatus.UNKNOWN, "b", ServingStatus.NOT_SERVING);
    assertThat(ListMessages.read(CodedInputStream.newInstance(bytes.toByteArray())))
        .containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(GrpcProtoHealth.statuses(
        DynamicMessage.parseFrom(GrpcProtoHealth.LIST_RESPONSE, bytes.toByteArray())))
        .as("protobuf-java reads the same").containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void bytesThatAreNoMessageFailAsGrpcJavasOwnMarshallersFail() {
    byte[][] invalid = {
        {0x0a, 0x05, 0x0a}, // an entry longer than the message
        {0x0a, 0x03, 0x0a, 0x01, (byte) 0xff}, // a key that is not UTF-8
        {0x0f}, // wire type 7
    };
    for (byte[] bytes : invalid) {
      assertThatThrownBy(() -> ListMessages.RESPONSE.parse(new ByteArrayInputStream(bytes)))
          .isInstanceOfSatisfying(StatusRuntimeException.class, failed -> {
            assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(failed.getStatus().getDescription())
                .isEqualTo("Invalid protobuf byte sequence");
          });
    }
  }

  @Test
  void theRequestIsProtobufsHealthListRequestAndANewerOnesFieldsAreKept() throws IOException {
    byte[] empty = DynamicMessage.getDefaultInstance(GrpcProtoHealth.LIST_REQUEST).toByteArray();
    assertThat(ListMessages.REQUEST.stream(Empty.getDefaultInstance()).readAllBytes())
        .isEqualTo(empty);
    byte[] newer = {0x08, 0x01};
    assertThat(ListMessages.REQUEST.parse(new ByteArrayInputStream(newer)).toByteArray())
        .isEqualTo(newer);
  }

  @Test
  void anUnrecognizedStatusCannotBeWritten() {
    assertThatThrownBy(() -> ListMessages.write(Map.of("x", ServingStatus.UNRECOGNIZED)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
