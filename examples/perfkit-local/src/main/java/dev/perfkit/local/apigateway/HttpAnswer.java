package dev.perfkit.local.apigateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the stage sends back: status, headers (names case-insensitive) and body; {@code
 * fromIntegration} tells a proxy response of the function from an error of the gateway.
 */
@SuppressWarnings("ArrayRecordComponent") // the body is passed along, never compared
record HttpAnswer(
    int status, Map<String, List<String>> headers, byte[] body, boolean fromIntegration) {

  static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";
  static final String MISSING_TOKEN = "{\"message\":\"Missing Authentication Token\"}";
  static final String TOO_MANY_REQUESTS = "{\"message\":\"Too Many Requests\"}";
  static final String LIMIT_EXCEEDED = "{\"message\":\"Limit Exceeded\"}";
  static final String INTERNAL_ERROR = "{\"message\": \"Internal server error\"}";
  static final String TOO_LONG = "{\"message\":\"HTTP content length exceeded 10485760 bytes.\"}";
  static final String TIMED_OUT = "{\"message\": \"Endpoint request timed out\"}";
  static final String REQUEST_TOO_LONG = "{\"message\":\"Request Too Long\"}";

  HttpAnswer {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    copy.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(copy);
  }

  /** An error answered by the gateway itself, with its JSON body. */
  static HttpAnswer gatewayError(int status, String body) {
    return new HttpAnswer(
        status,
        Map.of("Content-Type", List.of("application/json")),
        body.getBytes(StandardCharsets.UTF_8),
        false);
  }

  /** This answer with one more header value. */
  HttpAnswer withHeader(String name, String value) {
    Map<String, List<String>> more = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    more.putAll(headers);
    List<String> values = new ArrayList<>(more.getOrDefault(name, List.of()));
    values.add(value);
    more.put(name, values);
    return new HttpAnswer(status, more, body, fromIntegration);
  }

  /** This answer with {@code name} set to {@code value} only, replacing what it had. */
  HttpAnswer withHeaderSet(String name, String value) {
    Map<String, List<String>> replaced = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    replaced.putAll(headers);
    replaced.remove(name);
    replaced.put(name, List.of(value));
    return new HttpAnswer(status, replaced, body, fromIntegration);
  }

  String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
