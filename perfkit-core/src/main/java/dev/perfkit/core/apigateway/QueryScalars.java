package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the {@link QueryText} of a parameter type's number and boolean fields into JSON numbers and
 * booleans: ASCII decimal digits only (no full-width digits, no white space), {@code true} or
 * {@code false}. Text that is not one of these stays text, for the mapper to refuse.
 */
final class QueryScalars {

  private enum Kind {
    INTEGER,
    DECIMAL,
    BOOLEAN
  }

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final Set<Class<?>> INTEGERS =
      Set.of(
          int.class,
          Integer.class,
          long.class,
          Long.class,
          short.class,
          Short.class,
          byte.class,
          Byte.class,
          BigInteger.class);
  private static final Set<Class<?>> DECIMALS =
      Set.of(double.class, Double.class, float.class, Float.class, BigDecimal.class);

  private final Map<String, Kind> kinds;

  QueryScalars(Class<?> type, ObjectMapper mapper) {
    BeanDescription description =
        mapper.getDeserializationConfig().introspect(mapper.constructType(type));
    Map<String, Kind> byField = new HashMap<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      Kind kind = kindOf(property.getRawPrimaryType());
      if (kind != null) {
        byField.put(property.getName(), kind);
      }
    }
    this.kinds = Map.copyOf(byField);
  }

  /** {@code request}, or a copy of it whose query text for numbers and booleans is converted. */
  ObjectNode convert(ObjectNode request) {
    ObjectNode converted = null;
    for (Map.Entry<String, Kind> field : kinds.entrySet()) {
      if (request.get(field.getKey()) instanceof QueryText text) {
        JsonNode value = scalar(text.textValue(), field.getValue());
        if (value != null) {
          converted = converted == null ? request.deepCopy() : converted;
          converted.set(field.getKey(), value);
        }
      }
    }
    return converted == null ? request : converted;
  }

  private static JsonNode scalar(String text, Kind kind) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    return switch (kind) {
      case INTEGER -> INTEGER.matcher(text).matches() ? integer(new BigInteger(text)) : null;
      case DECIMAL ->
          DECIMAL.matcher(text).matches() ? nodes.numberNode(new BigDecimal(text)) : null;
      case BOOLEAN ->
          text.equals("true") || text.equals("false")
              ? BooleanNode.valueOf(text.equals("true"))
              : null;
    };
  }

  private static JsonNode integer(BigInteger value) {
    return value.bitLength() < Long.SIZE
        ? JsonNodeFactory.instance.numberNode(value.longValue())
        : JsonNodeFactory.instance.numberNode(value);
  }

  private static Kind kindOf(Class<?> type) {
    if (INTEGERS.contains(type)) {
      return Kind.INTEGER;
    }
    if (DECIMALS.contains(type)) {
      return Kind.DECIMAL;
    }
    if (type == boolean.class || type == Boolean.class) {
      return Kind.BOOLEAN;
    }
    return null;
  }
}
