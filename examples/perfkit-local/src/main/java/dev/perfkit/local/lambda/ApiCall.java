package dev.perfkit.local.lambda;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongFunction;
import java.util.regex.Matcher;

/**
 * One call of the Lambda API as a route sees it: the path's parameters, the query, the body read
 * within a bound, and the answer in rest-json (errors carry {@code x-amzn-ErrorType}).
 */
final class ApiCall {

  /**
   * Reads bodies that a route has already bounded: a {@code ZipFile}'s Base64 (up to 50 MB zipped)
   * is longer than Jackson's default longest string (20 MB).
   */
  static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
                  .build())
          .build();

  private final HttpExchange exchange;
  private final Matcher path;
  final String requestId = UUID.randomUUID().toString();

  ApiCall(HttpExchange exchange, Matcher path) {
    this.exchange = exchange;
    this.path = path;
  }

  /** The path's {@code group}th parameter, URL-decoded. */
  String pathParameter(int group) {
    return decode(path.group(group));
  }

  Headers headers() {
    return exchange.getRequestHeaders();
  }

  /** A query parameter, URL-decoded; empty when absent. */
  Optional<String> query(String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&", -1)) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      if (key.equals(name)) {
        return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    return Optional.empty();
  }

  /** A whole-number query parameter within {@code min} to {@code max}; empty when absent. */
  Optional<Integer> queryInteger(String name, int min, int max) {
    return query(name)
        .map(
            text -> {
              try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                  return value;
                }
              } catch (NumberFormatException e) {
                // refused below
              }
              throw LocalLambdaException.invalidParameter(
                  name
                      + " must be a whole number from "
                      + min
                      + " to "
                      + max
                      + ", was '"
                      + text
                      + "'");
            });
  }

  /**
   * The body, refused with {@code tooLarge} when it is longer than {@code limit} bytes. What is
   * past the limit is read and dropped (up to {@value #MAX_DISCARDED} bytes), so that a client
   * still sending reads the refusal instead of a reset connection.
   */
  byte[] body(int limit, LongFunction<LocalLambdaException> tooLarge) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge.apply(body.length + discard(in));
      }
      return body;
    }
  }

  private static final long MAX_DISCARDED = 256L * 1024 * 1024;

  private static long discard(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long discarded = 0;
    for (int read = in.read(buffer);
        read >= 0 && discarded < MAX_DISCARDED;
        read = in.read(buffer)) {
      discarded += read;
    }
    return discarded;
  }

  /** The body as a JSON object; an empty body is {@code {}}. */
  JsonRequest json(int limit, LongFunction<LocalLambdaException> tooLarge) throws IOException {
    byte[] bytes = body(limit, tooLarge);
    if (bytes.length == 0) {
      return new JsonRequest(JSON.createObjectNode());
    }
    try {
      JsonNode request = JSON.readTree(bytes);
      if (request != null && request.isObject()) {
        return new JsonRequest((ObjectNode) request);
      }
    } catch (JsonProcessingException e) {
      throw LocalLambdaException.invalidContent(
          "Could not parse request body into json: " + e.getOriginalMessage());
    }
    throw LocalLambdaException.invalidContent("The request body must be a JSON object");
  }

  /** The body as a JSON object of at most 6 MB, as control-plane requests are. */
  JsonRequest json() throws IOException {
    return json(
        InvokePayloads.MAX_SYNC_PAYLOAD,
        length ->
            LocalLambdaException.tooLarge(
                "Request must be smaller than " + InvokePayloads.MAX_SYNC_PAYLOAD + " bytes"));
  }

  void respond(int status, ObjectNode body) throws IOException {
    respond(status, JSON.writeValueAsBytes(body), Map.of("Content-Type", "application/json"));
  }

  /** An answer without a body, e.g. 204. */
  void respond(int status) throws IOException {
    respond(status, new byte[0], Map.of());
  }

  void respond(int status, byte[] body, Map<String, String> headers) throws IOException {
    Headers response = exchange.getResponseHeaders();
    headers.forEach(response::add);
    if (!response.containsKey("x-amzn-RequestId")) {
      response.add("x-amzn-RequestId", requestId);
    }
    if (body.length == 0) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** A refusal: status, {@code x-amzn-ErrorType} and the error shape Lambda gives that type. */
  void respondError(LocalLambdaException error) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("Type", error.statusCode() >= 500 ? "Service" : "User");
    // Lambda's shapes differ: these have "Message", the others "message".
    boolean capitalized =
        switch (error.errorCode()) {
          case "ResourceNotFoundException", "ServiceException", "ResourceInUseException" -> true;
          default -> false;
        };
    body.put(capitalized ? "Message" : "message", error.getMessage());
    error.reason().ifPresent(reason -> body.put("Reason", reason));
    exchange.getResponseHeaders().add("x-amzn-ErrorType", error.errorCode());
    if (error.statusCode() == 429) {
      exchange.getResponseHeaders().add("Retry-After", "1");
    }
    respond(error.statusCode(), body);
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
