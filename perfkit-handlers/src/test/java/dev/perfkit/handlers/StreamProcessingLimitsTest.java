package dev.perfkit.handlers;

import static dev.perfkit.handlers.PerformanceEvents.FUNCTION_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.testing.BadRequests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** stream_processing's documented maxima, and the answer they bound below Lambda's 6 MB. */
class StreamProcessingLimitsTest {

  /** Lambda's limit of a synchronous response payload: 6 MB. */
  private static final int LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ClientRegistry clients;
  private static PerformanceFunction function;

  @BeforeAll
  static void start() {
    Environment environment = Environment.of(Map.of());
    clients = ClientRegistry.builder(environment).build();
    function = PerformanceEvents.quietFunction(environment, clients);
  }

  @AfterAll
  static void stop() {
    clients.close();
  }

  /** The response event, as the runtime writes it, to stream_processing of {@code records}. */
  private static byte[] invoke(ArrayNode records) throws IOException {
    ObjectNode body = JSON.createObjectNode().put("operation", "stream_processing");
    body.set("records", records);
    String event =
        JSON.writeValueAsString(JSON.createObjectNode().put("body", JSON.writeValueAsString(body)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    function.handleStream(
        new ByteArrayInputStream(event.getBytes()), out, LambdaTestContext.of(FUNCTION_NAME));
    return out.toByteArray();
  }

  private static JsonNode answer(byte[] responseEvent) throws IOException {
    JsonNode event = JSON.readTree(responseEvent);
    return JSON.readTree(event.get("body").asText());
  }

  @Test
  void maxima_areTheOnesTheBadRequestsTestAgainst() {
    assertThat(StreamProcessing.MAX_RECORDS).isEqualTo(BadRequests.MAX_RECORDS);
    assertThat(StreamProcessing.MAX_ID_LENGTH).isEqualTo(BadRequests.MAX_ID_LENGTH);
  }

  @Test
  void streamProcessing_mostRecordsWithLongestEscapedIds_answersUnderLambdasLimit()
      throws IOException {
    // Only a chunk's first and last ids are in the answer: those get the costliest ids, 128
    // control characters, each 7 bytes once escaped twice (\\u0001 in the body string).
    String costliestId = "\u0001".repeat(StreamProcessing.MAX_ID_LENGTH);
    ArrayNode records = JSON.createArrayNode();
    for (int i = 0; i < StreamProcessing.MAX_RECORDS; i++) {
      int inChunk = i % StreamProcessing.CHUNK_SIZE;
      ObjectNode record = records.addObject();
      if (inChunk == 0 || inChunk == StreamProcessing.CHUNK_SIZE - 1) {
        record.put("id", costliestId);
      }
    }

    byte[] response = invoke(records);

    assertThat(response.length).isLessThan(LAMBDA_RESPONSE_LIMIT);
    JsonNode result = answer(response).get("result");
    assertThat(result.get("total_records").asInt()).isEqualTo(StreamProcessing.MAX_RECORDS);
    assertThat(result.get("chunks").get(0).get("first_record_id").asText()).isEqualTo(costliestId);
  }

  @Test
  void streamProcessing_oneRecordTooMany_is400NamingTheMaximum() throws IOException {
    ArrayNode records = JSON.createArrayNode();
    for (int i = 0; i <= StreamProcessing.MAX_RECORDS; i++) {
      records.addObject();
    }

    JsonNode answer = answer(invoke(records));

    assertThat(answer.get("field").asText()).isEqualTo("records");
    assertThat(answer.get("error").asText())
        .isEqualTo("Too many records: at most 100000 per request, got 100001");
  }

  @Test
  void streamProcessing_idLongerThanAllowed_is400NamingTheRecord() throws IOException {
    ArrayNode records = JSON.createArrayNode();
    records.addObject().put("id", "a");
    records.addObject().put("id", "x".repeat(StreamProcessing.MAX_ID_LENGTH + 1));

    JsonNode answer = answer(invoke(records));

    assertThat(answer.get("field").asText()).isEqualTo("records[1].id");
    assertThat(answer.get("error").asText())
        .isEqualTo(
            "Invalid value for 'records[1].id':"
                + " expected a string or number of at most 128 characters, got 129 characters");
  }

  @Test
  void streamProcessing_idThatIsAnObject_is400NamingTheRecord() throws IOException {
    ArrayNode records = JSON.createArrayNode();
    records.addObject().putObject("id").put("nested", "id");

    JsonNode answer = answer(invoke(records));

    assertThat(answer.get("field").asText()).isEqualTo("records[0].id");
    assertThat(answer.get("error").asText()).endsWith("got an object");
  }
}
