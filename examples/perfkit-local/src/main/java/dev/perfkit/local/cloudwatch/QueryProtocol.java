package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * CloudWatch's original query protocol: form-encoded members ({@code
 * MetricDataQueries.member.1.Id=m1}) with {@code Action} and {@code Version}, answered in XML in
 * the {@code http://monitoring.amazonaws.com/doc/2010-08-01/} namespace, lists as {@code member}
 * elements and the map {@code ExtendedStatistics} as {@code entry}, {@code key} and {@code value}.
 */
final class QueryProtocol implements Protocol {

  static final String XML_NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  /** The members that are maps in CloudWatch's model; every other object is a structure. */
  private static final Set<String> MAPS = Set.of("ExtendedStatistics");

  @Override
  public String name() {
    return "query";
  }

  /** The form's parameters, decoded; {@code Action} and {@code Version} among them. */
  static Map<String, String> form(byte[] body) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String text = new String(body, StandardCharsets.UTF_8);
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return parameters;
  }

  @Override
  public JsonNode read(byte[] body) {
    Map<String, Object> root = new LinkedHashMap<>();
    form(body)
        .forEach(
            (key, value) -> {
              if (key.equals("Action") || key.equals("Version")) {
                return;
              }
              String[] parts = key.split("\\.", -1);
              Map<String, Object> node = root;
              for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.get(parts[i]);
                if (!(child instanceof Map)) {
                  child = new LinkedHashMap<String, Object>();
                  node.put(parts[i], child);
                }
                node = cast(child);
              }
              node.putIfAbsent(parts[parts.length - 1], value);
            });
    return tree(root);
  }

  private static JsonNode tree(Object value) {
    if (value instanceof String text) {
      return JsonNodeFactory.instance.textNode(text);
    }
    Map<String, Object> map = cast(value);
    if (map.size() == 1 && map.get("member") instanceof Map) {
      Map<Integer, Object> byIndex = new TreeMap<>();
      cast(map.get("member"))
          .forEach(
              (index, element) -> {
                try {
                  byIndex.put(Integer.parseInt(index), element);
                } catch (NumberFormatException e) {
                  throw CloudWatchException.invalidValue(
                      "The list index " + index + " is not a number.");
                }
              });
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      byIndex.values().forEach(element -> array.add(tree(element)));
      return array;
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    map.forEach((key, child) -> object.set(key, tree(child)));
    return object;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object map) {
    return (Map<String, Object>) map;
  }

  @Override
  public Answer answer(String operation, JsonNode output, String requestId) {
    StringBuilder xml =
        new StringBuilder("<")
            .append(operation)
            .append("Response xmlns=\"")
            .append(XML_NAMESPACE)
            .append("\">");
    if (output != null) {
      xml.append('<').append(operation).append("Result>");
      members(xml, output);
      xml.append("</").append(operation).append("Result>");
    }
    xml.append("<ResponseMetadata><RequestId>")
        .append(requestId)
        .append("</RequestId></ResponseMetadata></")
        .append(operation)
        .append("Response>");
    return new Answer(
        200,
        "text/xml",
        xml.toString().getBytes(StandardCharsets.UTF_8),
        Map.of("x-amzn-RequestId", requestId));
  }

  @Override
  public Answer error(CloudWatchException error, String requestId) {
    StringBuilder xml =
        new StringBuilder("<ErrorResponse xmlns=\"")
            .append(XML_NAMESPACE)
            .append("\"><Error><Type>")
            .append(error.senderFault ? "Sender" : "Receiver")
            .append("</Type><Code>")
            .append(error.code)
            .append("</Code><Message>");
    escape(xml, error.getMessage());
    xml.append("</Message>");
    members(xml, error.members);
    xml.append("</Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>");
    return new Answer(
        error.status,
        "text/xml",
        xml.toString().getBytes(StandardCharsets.UTF_8),
        Map.of("x-amzn-RequestId", requestId));
  }

  private static void members(StringBuilder xml, JsonNode structure) {
    for (Map.Entry<String, JsonNode> field : structure.properties()) {
      xml.append('<').append(field.getKey()).append('>');
      if (MAPS.contains(field.getKey())) {
        field
            .getValue()
            .properties()
            .forEach(
                entry -> {
                  xml.append("<entry><key>");
                  escape(xml, entry.getKey());
                  xml.append("</key><value>");
                  value(xml, entry.getValue());
                  xml.append("</value></entry>");
                });
      } else {
        value(xml, field.getValue());
      }
      xml.append("</").append(field.getKey()).append('>');
    }
  }

  private static void value(StringBuilder xml, JsonNode value) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        xml.append("<member>");
        value(xml, element);
        xml.append("</member>");
      }
    } else if (value.isObject()) {
      members(xml, value);
    } else if (value instanceof POJONode pojo && pojo.getPojo() instanceof Instant instant) {
      xml.append(instant);
    } else {
      escape(xml, value.asText());
    }
  }

  private static void escape(StringBuilder xml, String text) {
    xml.append(XmlText.escape(text));
  }
}
