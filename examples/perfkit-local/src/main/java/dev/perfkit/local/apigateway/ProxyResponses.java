package dev.perfkit.local.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a function's Lambda proxy response ({@code statusCode}, {@code headers}, {@code
 * multiValueHeaders}, {@code body}, {@code isBase64Encoded}) into the HTTP answer API Gateway
 * sends, or says why it is malformed: another field, a status that is not a number, a body that is
 * not a string. A base64 body is decoded, as API Gateway does for binary media types.
 */
final class ProxyResponses {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS =
      List.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

  /** Headers the server sets itself from the body it sends. */
  private static final Set<String> FRAMING = framingHeaders();

  private ProxyResponses() {}

  /** A proxy response API Gateway would refuse (it answers 502). */
  static final class MalformedResponseException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String message) {
      super(message);
    }
  }

  static HttpAnswer parse(byte[] payload) throws MalformedResponseException {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (IOException e) {
      throw new MalformedResponseException("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedResponseException("not a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new MalformedResponseException("unexpected field '" + name + "'; allowed: " + FIELDS);
      }
    }
    JsonNode status = root.get("statusCode");
    if (status == null
        || !status.canConvertToInt()
        || !status.isIntegralNumber()
        || status.intValue() < 100
        || status.intValue() > 599) {
      throw new MalformedResponseException(
          "statusCode must be an integer 100 to 599, was " + status);
    }

    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    JsonNode multi = root.get("multiValueHeaders");
    if (present(multi)) {
      requireObject(multi, "multiValueHeaders");
      for (Map.Entry<String, JsonNode> field : multi.properties()) {
        if (!field.getValue().isArray()) {
          throw new MalformedResponseException(
              "multiValueHeaders." + field.getKey() + " must be an array of strings");
        }
        List<String> values = headers.computeIfAbsent(field.getKey(), n -> new ArrayList<>());
        for (JsonNode value : field.getValue()) {
          values.add(scalar(value, "multiValueHeaders." + field.getKey()));
        }
      }
    }
    // As API Gateway: a header in both maps keeps the values of multiValueHeaders only.
    JsonNode single = root.get("headers");
    if (present(single)) {
      requireObject(single, "headers");
      Map<String, List<String>> singles = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : single.properties()) {
        singles.put(field.getKey(), List.of(scalar(field.getValue(), "headers." + field.getKey())));
      }
      singles.forEach(headers::putIfAbsent);
    }
    headers.keySet().removeIf(FRAMING::contains);
    if (!headers.containsKey("Content-Type")) {
      headers.put("Content-Type", List.of("application/json"));
    }

    JsonNode body = root.get("body");
    byte[] bytes;
    if (!present(body)) {
      bytes = new byte[0];
    } else if (!body.isTextual()) {
      throw new MalformedResponseException("body must be a string, was " + body.getNodeType());
    } else {
      bytes = body.textValue().getBytes(StandardCharsets.UTF_8);
    }
    JsonNode base64 = root.get("isBase64Encoded");
    if (present(base64)) {
      if (!base64.isBoolean()) {
        throw new MalformedResponseException("isBase64Encoded must be a boolean, was " + base64);
      }
      if (base64.booleanValue() && bytes.length > 0) {
        try {
          bytes = Base64.getDecoder().decode(body.textValue());
        } catch (IllegalArgumentException e) {
          throw new MalformedResponseException("body is not base64: " + e.getMessage());
        }
      }
    }
    return new HttpAnswer(status.intValue(), headers, bytes, true);
  }

  private static Set<String> framingHeaders() {
    TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    names.addAll(List.of("Content-Length", "Transfer-Encoding", "Connection", "Date"));
    return Collections.unmodifiableSet(names);
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull();
  }

  private static void requireObject(JsonNode node, String field) throws MalformedResponseException {
    if (!node.isObject()) {
      throw new MalformedResponseException(field + " must be an object, was " + node.getNodeType());
    }
  }

  private static String scalar(JsonNode value, String field) throws MalformedResponseException {
    if (!value.isValueNode() || value.isNull()) {
      throw new MalformedResponseException(field + " must hold strings, was " + value);
    }
    return value.asText();
  }
}
