package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's members, read alike whichever protocol carried them: the query protocol gives every
 * scalar as text, JSON and CBOR as numbers and booleans. Each member is named in errors by its
 * query-protocol path, e.g. {@code MetricDataQueries.member.2.MetricStat.Period}, as CloudWatch
 * names them.
 */
final class Input {

  private final JsonNode node;
  private final String path;

  Input(JsonNode node, String path) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
  }

  static Input root(JsonNode node) {
    return new Input(node, "");
  }

  String path(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull() && !value.isMissingNode();
  }

  String text(String field) {
    return has(field) ? node.get(field).asText() : null;
  }

  String requiredText(String field) {
    String value = text(field);
    if (value == null || value.isEmpty()) {
      throw CloudWatchException.missing(path(field));
    }
    return value;
  }

  Integer integer(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return value.intValue();
    }
    try {
      return Integer.valueOf(value.asText().strip());
    } catch (NumberFormatException e) {
      throw CloudWatchException.invalidValue(
          "The value " + value.asText() + " for parameter " + path(field) + " is not an integer.");
    }
  }

  Double number(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value.isNumber()) {
      return value.doubleValue();
    }
    try {
      return Double.valueOf(value.asText().strip());
    } catch (NumberFormatException e) {
      throw CloudWatchException.invalidValue(
          "The value " + value.asText() + " for parameter " + path(field) + " is not a number.");
    }
  }

  Boolean bool(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    String text = value.asText();
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.valueOf(text);
    }
    throw CloudWatchException.invalidValue(
        "The value " + text + " for parameter " + path(field) + " is not a boolean.");
  }

  /** A timestamp: epoch seconds (JSON, CBOR) or ISO 8601 text (query). */
  Instant timestamp(String field) {
    if (!has(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (value.isNumber()) {
      double seconds = value.doubleValue();
      long whole = (long) Math.floor(seconds);
      return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
    }
    String text = value.asText().strip();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text + "Z").toInstant();
      } catch (DateTimeParseException again) {
        throw CloudWatchException.invalidValue(
            "The value "
                + text
                + " for parameter "
                + path(field)
                + " is not an ISO 8601 timestamp.");
      }
    }
  }

  Instant requiredTimestamp(String field) {
    Instant value = timestamp(field);
    if (value == null) {
      throw CloudWatchException.missing(path(field));
    }
    return value;
  }

  /** The member {@code field}; an absent one reads as empty. */
  Input child(String field) {
    return new Input(node.get(field), path(field));
  }

  /** The elements of list {@code field}; none when it is absent. */
  List<Input> list(String field) {
    JsonNode value = node.get(field);
    List<Input> elements = new ArrayList<>();
    if (value != null && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        elements.add(new Input(value.get(i), path(field) + ".member." + (i + 1)));
      }
    }
    return elements;
  }

  /** The text of this element itself (a list of strings' member). */
  String asText() {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  /** The number of this element itself (a list of numbers' member). */
  double asNumber() {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    try {
      return Double.parseDouble(node.asText().strip());
    } catch (NumberFormatException e) {
      throw CloudWatchException.invalidValue(
          "The value " + node.asText() + " for parameter " + path + " is not a number.");
    }
  }

  String path() {
    return path;
  }
}
