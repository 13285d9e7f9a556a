package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.routing.ClientErrorException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * API Gateway proxy events in and out: the request object of an event (as the runtime's {@link
 * APIGatewayProxyRequestEvent}, or raw JSON whose body may also be a JSON object), and the response
 * event of an {@link Answer}, with the {@code result}/{@code performance} envelope or an error
 * body.
 */
final class ProxyEventCodec {

  /** A response: its status and its JSON body. */
  record Answer(int statusCode, String body) {}

  /** The field of errors about the event as a whole. */
  static final String EVENT = "event";

  private static final String IS_BASE64_ENCODED = "isBase64Encoded";
  private static final String QUERY_STRING_PARAMETERS = "queryStringParameters";
  private static final String CONTENT_TYPE = "Content-Type";
  private static final String APPLICATION_JSON = "application/json";

  /** The top-level fields of the proxy events of REST APIs (payload 1.0) and HTTP APIs (2.0). */
  private static final Set<String> PROXY_FIELDS =
      Set.of(
          "resource",
          "path",
          "httpMethod",
          "headers",
          "multiValueHeaders",
          QUERY_STRING_PARAMETERS,
          "multiValueQueryStringParameters",
          "pathParameters",
          "stageVariables",
          "requestContext",
          "body",
          IS_BASE64_ENCODED,
          "version",
          "routeKey",
          "rawPath",
          "rawQueryString",
          "cookies");

  private final ObjectMapper mapper;
  private final RequestReader reader;

  ProxyEventCodec(ObjectMapper mapper) {
    this.mapper = mapper;
    this.reader = new RequestReader(mapper);
  }

  /** The request object of {@code event}: its query parameters, and its body's fields over them. */
  ObjectNode read(APIGatewayProxyRequestEvent event) {
    if (event == null) {
      throw malformed(EVENT, "The request event is missing");
    }
    return reader.read(
        event.getBody(),
        Boolean.TRUE.equals(event.getIsBase64Encoded()),
        event.getQueryStringParameters());
  }

  /**
   * The request object of an event read as raw JSON. Its fields the pipeline reads must have the
   * types of {@link APIGatewayProxyRequestEvent}'s ({@code isBase64Encoded} a boolean, {@code
   * queryStringParameters} an object of strings), as the Lambda runtime binds them for {@code
   * handleRequest}; otherwise a 400 names the field.
   */
  ObjectNode read(byte[] event) {
    JsonNode tree;
    try {
      tree = mapper.readTree(event);
    } catch (IOException e) {
      String reason = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
      throw malformed(
          EVENT, "The request event is not JSON: " + FirstLine.of(reason, "unreadable"));
    }
    if (tree == null || !tree.isObject()) {
      throw malformed(EVENT, "The request event must be a JSON object");
    }
    requireProxyEvent(tree);
    JsonNode body = tree.get("body");
    JsonNode base64 = tree.path(IS_BASE64_ENCODED);
    if (!base64.isMissingNode() && !base64.isNull() && !base64.isBoolean()) {
      throw malformed(
          IS_BASE64_ENCODED, "The request event's isBase64Encoded must be true or false");
    }
    return reader.read(
        body == null || body.isNull() ? null : body,
        base64.asBoolean(false),
        queryParameters(tree.path(QUERY_STRING_PARAMETERS)));
  }

  /**
   * Refuses an event with fields but none of a proxy event's (REST or HTTP API), e.g. a direct
   * invocation with the parameters at the top level, which would otherwise run the default
   * operation with none of them.
   */
  private static void requireProxyEvent(JsonNode event) {
    if (event.isEmpty()
        || event.properties().stream().anyMatch(p -> PROXY_FIELDS.contains(p.getKey()))) {
      return;
    }
    String field = event.fieldNames().next();
    throw malformed(
        field,
        "The request event is not an API Gateway proxy event: '"
            + field
            + "' is none of its fields; send the request as its body, e.g. {\"body\":"
            + " {\"operation\": \"...\"}}");
  }

  private static Map<String, String> queryParameters(JsonNode parameters) {
    Map<String, String> query = new LinkedHashMap<>();
    if (parameters.isMissingNode() || parameters.isNull()) {
      return query;
    }
    if (!parameters.isObject()) {
      throw malformed(
          QUERY_STRING_PARAMETERS,
          "The request event's queryStringParameters must be an object of strings");
    }
    for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
      JsonNode value = parameter.getValue();
      if (value.isContainerNode()) {
        String field = QUERY_STRING_PARAMETERS + "." + parameter.getKey();
        throw malformed(field, "The query parameter '" + parameter.getKey() + "' must be a string");
      }
      if (!value.isNull()) {
        query.put(parameter.getKey(), value.asText());
      }
    }
    return query;
  }

  /** A 200 with the operation's result, already written as JSON, and the performance block. */
  Answer success(String resultJson, Performance performance) {
    try {
      return new Answer(200, mapper.writeValueAsString(new SuccessBody(resultJson, performance)));
    } catch (JacksonException e) {
      throw new IllegalStateException("Cannot write a body of raw JSON and numbers", e);
    }
  }

  /** The answer to {@code failure}, which took {@code executionTimeMs}. */
  Answer error(Failure failure, double executionTimeMs) {
    ErrorBody body =
        new ErrorBody(
            failure.message(),
            failure.errorType(),
            failure.field(),
            failure.requestId(),
            executionTimeMs);
    try {
      return new Answer(failure.statusCode(), mapper.writeValueAsString(body));
    } catch (JacksonException e) {
      throw new IllegalStateException("Cannot write an error body of strings and a number", e);
    }
  }

  APIGatewayProxyResponseEvent responseEvent(Answer answer) {
    Map<String, String> headers = new HashMap<>();
    headers.put(CONTENT_TYPE, APPLICATION_JSON);
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(answer.statusCode())
        .withHeaders(headers)
        .withIsBase64Encoded(false)
        .withBody(answer.body());
  }

  /** Writes the response event of {@code answer} to {@code output} as JSON, and flushes it. */
  void write(Answer answer, OutputStream output) throws IOException {
    try (JsonGenerator json = mapper.getFactory().createGenerator(output)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.writeStartObject();
      json.writeNumberField("statusCode", answer.statusCode());
      json.writeObjectFieldStart("headers");
      json.writeStringField(CONTENT_TYPE, APPLICATION_JSON);
      json.writeEndObject();
      json.writeStringField("body", answer.body());
      json.writeBooleanField("isBase64Encoded", false);
      json.writeEndObject();
    }
    output.flush();
  }

  private static ClientErrorException malformed(String field, String message) {
    return new ClientErrorException(400, ClientErrorException.MALFORMED_REQUEST, field, message);
  }
}
