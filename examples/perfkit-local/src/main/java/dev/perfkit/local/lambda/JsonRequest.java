package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON body of a Lambda API request, read field by field: a field of the wrong type or out of
 * range is refused with {@code InvalidParameterValueException} naming it and what it takes.
 */
final class JsonRequest {

  private final ObjectNode body;

  JsonRequest(ObjectNode body) {
    this.body = body;
  }

  boolean has(String field) {
    return body.hasNonNull(field);
  }

  /** The fields given, in order. */
  List<String> fields() {
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    return fields;
  }

  JsonNode node(String field) {
    return body.get(field);
  }

  String text(String field) {
    return optionalText(field)
        .orElseThrow(() -> LocalLambdaException.invalidParameter(field + " is required"));
  }

  Optional<String> optionalText(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = body.get(field);
    if (!value.isTextual()) {
      throw LocalLambdaException.invalidParameter(field + " must be a string, was " + value);
    }
    return Optional.of(value.textValue());
  }

  int integer(String field, int min, int max) {
    return optionalInteger(field, min, max)
        .orElseThrow(() -> LocalLambdaException.invalidParameter(field + " is required"));
  }

  Optional<Integer> optionalInteger(String field, int min, int max) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = body.get(field);
    if (!value.isIntegralNumber() || value.longValue() < min || value.longValue() > max) {
      throw LocalLambdaException.invalidParameter(
          field + " must be a whole number from " + min + " to " + max + ", was " + value);
    }
    return Optional.of(value.intValue());
  }

  Optional<Boolean> optionalBoolean(String field) {
    if (!has(field)) {
      return Optional.empty();
    }
    JsonNode value = body.get(field);
    if (!value.isBoolean()) {
      throw LocalLambdaException.invalidParameter(field + " must be true or false, was " + value);
    }
    return Optional.of(value.booleanValue());
  }

  /** A list of strings; empty when absent. */
  List<String> texts(String field) {
    if (!has(field)) {
      return List.of();
    }
    JsonNode value = body.get(field);
    List<String> texts = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(item -> texts.add(item.isTextual() ? item.textValue() : null));
    }
    if (!value.isArray() || texts.contains(null)) {
      throw LocalLambdaException.invalidParameter(
          field + " must be a list of strings, was " + value);
    }
    return texts;
  }

  /** A map of strings to strings ({@code Tags}, {@code Environment.Variables}); empty if absent. */
  static Map<String, String> textMap(String field, JsonNode value) {
    Map<String, String> result = new LinkedHashMap<>();
    if (value == null || value.isNull()) {
      return result;
    }
    if (!value.isObject()) {
      throw LocalLambdaException.invalidParameter(
          field + " must be an object of names to strings, was " + value);
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isTextual()) {
        throw LocalLambdaException.invalidParameter(
            field + " " + entry.getKey() + " must be a string, was " + entry.getValue());
      }
      result.put(entry.getKey(), entry.getValue().textValue());
    }
    return result;
  }
}
