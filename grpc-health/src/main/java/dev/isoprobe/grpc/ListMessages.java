/*
 * Copyright 2026 The isoprobe maintainers
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.isoprobe.grpc;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Empty;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wire form of {@code HealthListRequest} and {@code HealthListResponse} as grpc-proto's
 * {@code grpc/health/v1/health.proto} defines them, written by hand because grpc-java's
 * {@code grpc-services} has no classes for them:
 *
 * <pre>
 * message HealthListRequest {}
 * message HealthListResponse { map&lt;string, HealthCheckResponse&gt; statuses = 1; }
 * </pre>
 *
 * <p>A map is, on the wire, a repeated field 1 of entries {@code {1: string key,
 * 2: HealthCheckResponse value}}; each value is read and written by grpc-java's own
 * {@code HealthCheckResponse}. Read as protobuf reads: a missing key is {@code ""}, a missing
 * value {@code UNKNOWN}, a repeated key keeps the last, unknown fields are skipped.
 */
final class ListMessages {

  /** {@code HealthListRequest}: no fields, so {@link Empty}'s; any field a newer one has is kept. */
  static final Marshaller<Empty> REQUEST = new Marshaller<>() {
    @Override
    public InputStream stream(Empty request) {
      return request.toByteString().newInput();
    }

    @Override
    public Empty parse(InputStream stream) {
      try {
        return Empty.parseFrom(stream);
      } catch (IOException invalid) {
        throw invalid(invalid);
      }
    }
  };

  /** {@code HealthListResponse}: its {@code statuses}, in the order they are on the wire. */
  static final Marshaller<Map<String, ServingStatus>> RESPONSE = new Marshaller<>() {
    @Override
    public InputStream stream(Map<String, ServingStatus> statuses) {
      return new ByteArrayInputStream(write(statuses));
    }

    @Override
    public Map<String, ServingStatus> parse(InputStream stream) {
      try {
        return read(CodedInputStream.newInstance(stream));
      } catch (IOException invalid) {
        throw invalid(invalid);
      }
    }
  };

  private static final int STATUSES = 1;
  private static final int KEY = 1;
  private static final int VALUE = 2;
  /** The tag of a length-delimited field 1 or 2: its number shifted by 3, wire type 2. */
  private static final int STATUSES_TAG = STATUSES << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int KEY_TAG = KEY << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;
  private static final int VALUE_TAG = VALUE << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED;

  private ListMessages() {
  }

  /**
   * Writes {@code statuses} as a {@code HealthListResponse}, key and value of each entry always
   * present, as protobuf-java writes map entries.
   *
   * @throws IllegalArgumentException if a status is {@code UNRECOGNIZED}, which has no number
   */
  static byte[] write(Map<String, ServingStatus> statuses) {
    Map<String, HealthCheckResponse> values = new LinkedHashMap<>();
    int size = 0;
    for (Map.Entry<String, ServingStatus> status : statuses.entrySet()) {
      HealthCheckResponse value = HealthCheckResponse.newBuilder().setStatus(status.getValue())
          .build();
      values.put(status.getKey(), value);
      int entry = entrySize(status.getKey(), value);
      size += CodedOutputStream.computeTagSize(STATUSES)
          + CodedOutputStream.computeUInt32SizeNoTag(entry) + entry;
    }
    byte[] bytes = new byte[size];
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      for (Map.Entry<String, HealthCheckResponse> entry : values.entrySet()) {
        out.writeTag(STATUSES, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(entrySize(entry.getKey(), entry.getValue()));
        out.writeString(KEY, entry.getKey());
        out.writeMessage(VALUE, entry.getValue());
      }
      out.checkNoSpaceLeft();
    } catch (IOException cannot) {
      throw new IllegalStateException("sized wrongly", cannot); // a byte array never fails to write
    }
    return bytes;
  }

  private static int entrySize(String key, HealthCheckResponse value) {
    return CodedOutputStream.computeStringSize(KEY, key)
        + CodedOutputStream.computeMessageSize(VALUE, value);
  }

  /** Reads a {@code HealthListResponse}'s statuses; unmodifiable, in wire order. */
  static Map<String, ServingStatus> read(CodedInputStream in) throws IOException {
    Map<String, ServingStatus> statuses = new LinkedHashMap<>();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == STATUSES_TAG) {
        int limit = in.pushLimit(in.readRawVarint32());
        readEntry(in, statuses);
        in.popLimit(limit);
      } else if (!in.skipField(tag)) {
        break; // an end-group tag: the message ends here, as protobuf-java reads it
      }
    }
    return Collections.unmodifiableMap(statuses);
  }

  private static void readEntry(CodedInputStream in, Map<String, ServingStatus> statuses)
      throws IOException {
    String key = "";
    HealthCheckResponse.Builder value = HealthCheckResponse.newBuilder();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      if (tag == KEY_TAG) {
        key = in.readStringRequireUtf8();
      } else if (tag == VALUE_TAG) {
        in.readMessage(value, ExtensionRegistryLite.getEmptyRegistry()); // merged, as protobuf does
      } else if (!in.skipField(tag)) {
        break;
      }
    }
    statuses.put(key, value.getStatus()); // of a repeated key, the last wins
  }

  /** As grpc-java's own protobuf marshallers fail a message they cannot read. */
  private static RuntimeException invalid(IOException invalid) {
    return Status.INTERNAL.withDescription("Invalid protobuf byte sequence").withCause(invalid)
        .asRuntimeException();
  }
}
