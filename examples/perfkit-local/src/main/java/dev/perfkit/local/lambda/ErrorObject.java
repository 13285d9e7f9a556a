package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Lambda's error object, {@code {"errorType": ..., "errorMessage": ...}}, written and read. */
final class ErrorObject {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorObject() {}

  static byte[] of(String errorType, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("errorType", errorType);
    error.put("errorMessage", message);
    try {
      return JSON.writeValueAsBytes(error);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an error object", e);
    }
  }

  /** The {@code errorType} of an error object a runtime posted; {@code fallback} if it has none. */
  static String typeOf(byte[] errorObject, String fallback) {
    try {
      JsonNode type = JSON.readTree(errorObject).get("errorType");
      return type == null || type.asText().isEmpty() ? fallback : type.asText();
    } catch (IOException e) {
      return fallback;
    }
  }
}
