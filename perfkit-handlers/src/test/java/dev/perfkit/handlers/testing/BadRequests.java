package dev.perfkit.handlers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A seeded generator of clearly bad requests to the performance function, each with the field its
 * answer must name: wrong types, values out of range, sizes over the documented maxima, nesting,
 * broken encodings, unknown operations and events of the wrong shape. The same seed gives the same
 * requests. Shared with the tests that send them through the local API stage.
 */
public final class BadRequests {

  /**
   * One bad request: an API Gateway proxy event as raw JSON, and the field the 4xx must name.
   *
   * @param kind what is wrong, for the figures and failure messages
   * @param event the event, as the Lambda runtime would receive it
   * @param field the field the answer must name
   */
  public record BadRequest(String kind, String event, String field) {

    /**
     * What is wrong with an answer to this request, if anything: it must be a 4xx whose JSON body
     * has an {@code error} of at most 1,000 characters and an {@code error_type}, names {@link
     * #field()} and carries no stack trace.
     *
     * @param status the answer's HTTP status
     * @param body the answer's body
     * @return the fault, or empty for a right answer
     */
    public Optional<String> faultOf(int status, String body) {
      if (status < 400 || status >= 500) {
        return Optional.of("status " + status);
      }
      JsonNode error;
      try {
        error = JSON.readTree(body);
      } catch (IOException e) {
        return Optional.of("the body is not JSON");
      }
      if (error == null
          || !error.path("error").isTextual()
          || !error.path("error_type").isTextual()) {
        return Optional.of("no error and error_type");
      }
      if (!field.equals(error.path("field").asText(null))) {
        return Optional.of("field " + error.path("field") + ", expected " + field);
      }
      if (STACK_TRACE.matcher(body).find()) {
        return Optional.of("a stack trace");
      }
      if (error.get("error").asText().length() > MAX_ERROR_LENGTH) {
        return Optional.of("an error of " + error.get("error").asText().length() + " characters");
      }
      return Optional.empty();
    }
  }

  /** The most {@code records} a stream_processing request may hold, as documented. */
  public static final int MAX_RECORDS = 100_000;

  /** The longest record {@code id}, as documented. */
  public static final int MAX_ID_LENGTH = 128;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_LENGTH = 1_000;
  private static final Pattern STACK_TRACE =
      Pattern.compile("\\.java:\\d+|\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|Caused by:");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The typed parameters and, for each, values no reading of it accepts. */
  private static final List<String> BAD_INTEGERS =
      List.of(
          "true",
          "false",
          "\"ten\"",
          "\"\"",
          "\"1e3\"",
          "\"12abc\"",
          "1.5",
          "-0.5",
          "2147483648",
          "99999999999999999999",
          "1e30",
          "[]",
          "[5]",
          "{}",
          "{\"value\": 5}",
          "\"999999999999\"");

  private static final List<String> BAD_DATA_SIZES =
      List.of(
          "0",
          "1",
          "2",
          "-1",
          "true",
          "\"SMALL\"",
          "\"Small\"",
          "\"\"",
          "\"xl\"",
          "\" small\"",
          "[]",
          "{}",
          "[\"small\"]",
          "1.5",
          "\"1\"",
          "\"0\"");
  private static final List<String> BAD_RECORDS =
      List.of("\"abc\"", "\"\"", "5", "true", "{}", "{\"id\": 1}", "1.5", "\"[]\"");
  private static final List<String> NOT_JSON =
      List.of(
          "{",
          "{\"operation\": }",
          "operation=cpu_intensive",
          "<xml/>",
          "{'operation': 'x'}",
          "{} trailing",
          "NaN",
          "{\"operation\": \"cpu_intensive\",}",
          "\"\\uZZZZ\"",
          "[1, 2]",
          "42",
          "true",
          "null",
          "\"just a string\"");

  private final SplittableRandom random;

  /** A generator of the requests of {@code seed}. */
  public BadRequests(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The next bad request. */
  public BadRequest next() {
    int pick = random.nextInt(100);
    if (pick < 12) {
      return unknownOperation();
    }
    if (pick < 30) {
      return badInteger();
    }
    if (pick < 42) {
      return badDataSize();
    }
    if (pick < 55) {
      return badRecords();
    }
    if (pick < 58) {
      return tooManyRecords();
    }
    if (pick < 68) {
      return notJson();
    }
    if (pick < 72) {
      return tooDeep();
    }
    if (pick < 80) {
      return badEncoding();
    }
    if (pick < 88) {
      return badQueryString();
    }
    return wrongShapeEvent();
  }

  private BadRequest unknownOperation() {
    List<JsonNode> names =
        List.of(
            NODES.textNode(word(1 + random.nextInt(30))),
            NODES.textNode(""),
            NODES.textNode("CPU_INTENSIVE"),
            NODES.textNode(" cpu_intensive"),
            NODES.textNode("cpu_intensive\u0000"),
            NODES.textNode("\u00e9\u6f22\ud83d\ude00"),
            NODES.textNode(word(5_000)),
            NODES.numberNode(random.nextInt()),
            NODES.booleanNode(true),
            NODES.arrayNode().add("cpu_intensive"),
            NODES.objectNode().put("name", "cpu_intensive"));
    ObjectNode body = NODES.objectNode();
    body.set("operation", names.get(random.nextInt(names.size())));
    return body("unknown operation", body, "operation");
  }

  private BadRequest badInteger() {
    boolean concurrency = random.nextBoolean();
    String operation = concurrency ? "concurrent_processing" : "cpu_intensive";
    String field = concurrency ? "concurrency" : "iterations";
    List<String> values = new ArrayList<>(BAD_INTEGERS);
    values.add(concurrency ? "0" : "-1");
    values.add(concurrency ? "1001" : "100000001");
    values.add(nested(2 + random.nextInt(60), "5"));
    String value = values.get(random.nextInt(values.size()));
    return rawBody(
        "wrong type or range of " + field,
        "{\"operation\": \"" + operation + "\", \"" + field + "\": " + value + "}",
        field);
  }

  private BadRequest badDataSize() {
    String operation = random.nextBoolean() ? "database_batch" : "memory_test";
    String value = BAD_DATA_SIZES.get(random.nextInt(BAD_DATA_SIZES.size()));
    return rawBody(
        "wrong dataSize",
        "{\"operation\": \"" + operation + "\", \"dataSize\": " + value + "}",
        "dataSize");
  }

  private BadRequest badRecords() {
    int kind = random.nextInt(4);
    if (kind == 0) {
      String value = BAD_RECORDS.get(random.nextInt(BAD_RECORDS.size()));
      return rawBody(
          "records of the wrong shape",
          "{\"operation\": \"stream_processing\", \"records\": " + value + "}",
          "records");
    }
    int size = 1 + random.nextInt(200);
    int bad = random.nextInt(size);
    ArrayNode records = NODES.arrayNode();
    for (int i = 0; i < size; i++) {
      records.add(NODES.objectNode().put("id", "evt-" + i));
    }
    String field;
    if (kind == 1) {
      List<JsonNode> notObjects =
          List.of(
              NODES.numberNode(bad),
              NODES.textNode("evt"),
              NODES.nullNode(),
              NODES.arrayNode(),
              NODES.booleanNode(false));
      records.set(bad, notObjects.get(random.nextInt(notObjects.size())));
      field = "records[" + bad + "]";
    } else if (kind == 2) {
      ((ObjectNode) records.get(bad)).put("id", word(MAX_ID_LENGTH + 1 + random.nextInt(10_000)));
      field = "records[" + bad + "].id";
    } else {
      ((ObjectNode) records.get(bad))
          .set(
              "id",
              random.nextBoolean()
                  ? NODES.objectNode().put("nested", "id")
                  : NODES.arrayNode().add(1).add(2));
      field = "records[" + bad + "].id";
    }
    ObjectNode body = NODES.objectNode().put("operation", "stream_processing");
    body.set("records", records);
    return body("a bad record", body, field);
  }

  private BadRequest tooManyRecords() {
    int size = MAX_RECORDS + 1 + random.nextInt(20_000);
    StringBuilder body =
        new StringBuilder(size * 3 + 64)
            .append("{\"operation\": \"stream_processing\", \"records\": [");
    for (int i = 0; i < size; i++) {
      body.append(i == 0 ? "{}" : ",{}");
    }
    return rawBody("more records than allowed", body.append("]}").toString(), "records");
  }

  private BadRequest notJson() {
    return rawBody(
        "a body that is no JSON object", NOT_JSON.get(random.nextInt(NOT_JSON.size())), "body");
  }

  private BadRequest tooDeep() {
    String deep = nested(1_001 + random.nextInt(5_000), "1");
    return rawBody(
        "nesting deeper than JSON parsing allows",
        "{\"operation\": \"stream_processing\", \"records\": [{\"payload\": " + deep + "}]}",
        "body");
  }

  private BadRequest badEncoding() {
    int kind = random.nextInt(3);
    String body;
    String field = "body";
    if (kind == 0) {
      body =
          List.of("!!!not base64!!!", "abc", "%%%%", "eyJvcGVyYXRpb24i\u00e9")
              .get(random.nextInt(4));
    } else if (kind == 1) {
      // Bytes that are no UTF-8 (0xff, 0xc3 0x28) inside the operation's name.
      byte[] head = "{\"operation\": \"cpu_".getBytes(StandardCharsets.US_ASCII);
      byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
      byte[] broken = new byte[head.length + 3 + tail.length];
      System.arraycopy(head, 0, broken, 0, head.length);
      broken[head.length] = (byte) 0xff;
      broken[head.length + 1] = (byte) 0xc3;
      broken[head.length + 2] = (byte) 0x28;
      System.arraycopy(tail, 0, broken, head.length + 3, tail.length);
      body = Base64.getEncoder().encodeToString(broken);
      field = "operation";
    } else {
      body =
          Base64.getEncoder()
              .encodeToString(
                  "{\"operation\": \"cpu_intensive\", \"iterations\": \"many\"}"
                      .getBytes(StandardCharsets.UTF_8));
      field = "iterations";
    }
    ObjectNode event = NODES.objectNode().put("body", body).put("isBase64Encoded", true);
    return new BadRequest("a body marked base64", json(event), field);
  }

  private BadRequest badQueryString() {
    List<String[]> cases =
        List.of(
            new String[] {"cpu_intensive", "iterations", "abc"},
            new String[] {"cpu_intensive", "iterations", "1.5"},
            new String[] {"concurrent_processing", "concurrency", "0"},
            new String[] {"concurrent_processing", "concurrency", "true"},
            new String[] {"memory_test", "dataSize", "1"},
            new String[] {"memory_test", "dataSize", "huge"},
            new String[] {"stream_processing", "records", "[]"},
            new String[] {"no_such_operation", "operation", null});
    String[] chosen = cases.get(random.nextInt(cases.size()));
    ObjectNode query = NODES.objectNode().put("operation", chosen[0]);
    if (chosen[2] != null) {
      query.put(chosen[1], chosen[2]);
    }
    ObjectNode event = NODES.objectNode();
    event.set("queryStringParameters", query);
    return new BadRequest("a bad query string", json(event), chosen[1]);
  }

  private BadRequest wrongShapeEvent() {
    List<Function<SplittableRandom, BadRequest>> shapes =
        List.of(
            r -> new BadRequest("an event body that is a number", "{\"body\": 5}", "body"),
            r -> new BadRequest("an event body that is an array", "{\"body\": [1]}", "body"),
            r -> new BadRequest("an event body that is a boolean", "{\"body\": true}", "body"),
            r ->
                new BadRequest(
                    "queryStringParameters not an object",
                    "{\"queryStringParameters\": \"operation=cpu_intensive\"}",
                    "queryStringParameters"),
            r ->
                new BadRequest(
                    "queryStringParameters an array",
                    "{\"queryStringParameters\": [\"operation\"]}",
                    "queryStringParameters"),
            r ->
                new BadRequest(
                    "a query parameter that is an object",
                    "{\"queryStringParameters\": {\"operation\": {\"name\": \"cpu_intensive\"}}}",
                    "queryStringParameters.operation"),
            r ->
                new BadRequest(
                    "isBase64Encoded not a boolean",
                    "{\"body\": \"{}\", \"isBase64Encoded\": \"yes\"}",
                    "isBase64Encoded"),
            r ->
                new BadRequest(
                    "isBase64Encoded a number",
                    "{\"body\": \"{}\", \"isBase64Encoded\": 1}",
                    "isBase64Encoded"),
            r -> new BadRequest("an event that is an array", "[{\"body\": \"{}\"}]", "event"),
            r -> new BadRequest("an event that is a string", "\"{\\\"body\\\": 1}\"", "event"),
            r -> new BadRequest("an event that is no JSON", "{\"body\": ", "event"));
    return shapes.get(random.nextInt(shapes.size())).apply(random);
  }

  private BadRequest body(String kind, ObjectNode body, String field) {
    return rawBody(kind, json(body), field);
  }

  /** An event whose body is {@code body} as text, as API Gateway sends it. */
  private static BadRequest rawBody(String kind, String body, String field) {
    return new BadRequest(kind, json(NODES.objectNode().put("body", body)), field);
  }

  private String word(int length) {
    StringBuilder word = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      word.append((char) ('a' + random.nextInt(26)));
    }
    return word.toString();
  }

  private static String nested(int depth, String inner) {
    return "[".repeat(depth) + inner + "]".repeat(depth);
  }

  private static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
