package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.routing.ClientErrorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an API Gateway request's query string and body into one JSON object: query parameters first
 * (so that a cacheable GET can carry the parameters), body fields over them.
 */
final class RequestReader {

  private final ObjectMapper mapper;
  private final ObjectReader strictReader;

  RequestReader(ObjectMapper mapper) {
    this.mapper = mapper;
    this.strictReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * The request object.
   *
   * @param body the body: raw text (JSON, or base64 of JSON), an already parsed JSON node, or null
   * @param base64 whether a text body is base64-encoded
   * @param query the query string parameters, or null
   * @throws ClientErrorException (400) for a body that is not a JSON object
   */
  ObjectNode read(Object body, boolean base64, Map<String, String> query) {
    ObjectNode request = mapper.createObjectNode();
    if (query != null) {
      query.forEach(
          (name, value) -> {
            if (name != null && value != null) {
              request.set(name, new QueryText(value));
            }
          });
    }
    JsonNode parsed = parse(body, base64);
    if (parsed != null) {
      request.setAll((ObjectNode) parsed);
    }
    return request;
  }

  private JsonNode parse(Object body, boolean base64) {
    if (body == null) {
      return null;
    }
    if (body instanceof JsonNode node) {
      return node.isTextual() ? parse(node.asText(), base64) : requireObject(node);
    }
    String text = base64 ? decode((String) body) : (String) body;
    if (text.isBlank()) {
      return null;
    }
    JsonNode node = parseJson(text);
    // A body that is a JSON string holding JSON (encoded twice by some clients) is unwrapped once.
    if (node.isTextual()) {
      String inner = node.asText();
      node = inner.isBlank() ? mapper.createObjectNode() : parseJson(inner);
    }
    return requireObject(node);
  }

  private JsonNode parseJson(String text) {
    try {
      return strictReader.readTree(text);
    } catch (JacksonException e) {
      JsonLocation location = e.getLocation();
      String where =
          location == null
              ? ""
              : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      String reason = FirstLine.of(e.getOriginalMessage(), "unreadable");
      throw malformed("Malformed JSON body" + where + ": " + reason);
    }
  }

  private static JsonNode requireObject(JsonNode node) {
    if (node.getNodeType() != JsonNodeType.OBJECT) {
      throw malformed(
          "The body must be a JSON object, got "
              + describe(node.getNodeType())
              + "; e.g. {\"operation\": \"...\"}");
    }
    return node;
  }

  private static String decode(String body) {
    try {
      return new String(Base64.getDecoder().decode(body.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed(
          "The body is marked isBase64Encoded but is not valid base64: " + e.getMessage());
    }
  }

  private static String describe(JsonNodeType type) {
    return switch (type) {
      case ARRAY -> "an array";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }

  private static ClientErrorException malformed(String message) {
    return new ClientErrorException(400, ClientErrorException.MALFORMED_REQUEST, "body", message);
  }
}
