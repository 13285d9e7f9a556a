package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;

/**
 * One of the wire protocols CloudWatch answers in: how a request's members are read and how an
 * answer or an error is written. Answers are trees of JSON nodes whose timestamps are {@link
 * java.time.Instant} POJO nodes, so that each protocol writes them its own way.
 */
interface Protocol {

  /** An HTTP answer. */
  @SuppressWarnings("ArrayRecordComponent") // the body is written out, never compared
  record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {}

  /** The protocol's name as the local CloudWatch reports it: query, json or cbor. */
  String name();

  /** The request's members. */
  JsonNode read(byte[] body) throws IOException;

  /** The answer to {@code operation}; {@code output} is null for an operation without output. */
  Answer answer(String operation, JsonNode output, String requestId) throws IOException;

  /** The error answer. */
  Answer error(CloudWatchException error, String requestId) throws IOException;
}
