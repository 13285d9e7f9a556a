package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.routing.ClientErrorException;
import dev.perfkit.core.routing.ConfigurationException;
import dev.perfkit.core.routing.OperationException;
import dev.perfkit.core.routing.ParamRule;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds a request object to one operation's parameter type, turning Jackson's failures into 400s.
 */
final class ParamsBinder<P> {

  /** The reason given when Jackson gives none. */
  private static final String NOT_ACCEPTED = "not accepted";

  private final Class<P> type;
  private final ObjectReader reader;
  private final ObjectMapper mapper;
  private final Map<String, ParamRule> rules;
  private final QueryScalars queryScalars;

  /**
   * A binder of {@code operation}'s parameters.
   *
   * @throws ConfigurationException when Jackson cannot bind {@code type} from a JSON object
   */
  ParamsBinder(String operation, Class<P> type, ObjectMapper mapper) {
    BindableType.require(operation, type, mapper);
    this.type = type;
    this.mapper = mapper;
    this.queryScalars = new QueryScalars(type, mapper);
    this.reader =
        mapper
            .readerFor(type)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .with(DeserializationFeature.WRAP_EXCEPTIONS);
    this.rules = rulesOf(type);
  }

  P bind(ObjectNode request) {
    try {
      return reader.readValue(queryScalars.convert(request));
    } catch (ValueInstantiationException e) {
      throw fromConstructor(e);
    } catch (InvalidDefinitionException e) {
      throw new IllegalStateException(
          "Parameter type "
              + type.getName()
              + " cannot be bound by Jackson: "
              + e.getOriginalMessage(),
          e);
    } catch (MismatchedInputException e) {
      throw fromMismatch(e, request);
    } catch (JsonMappingException e) {
      throw fromMapping(e);
    } catch (IOException e) {
      throw new ClientErrorException(
          400,
          ClientErrorException.INVALID_PARAMETER,
          null,
          "Invalid request: " + FirstLine.of(e.getMessage(), NOT_ACCEPTED));
    }
  }

  private RuntimeException fromConstructor(ValueInstantiationException e) {
    Throwable cause = e.getCause();
    if (cause instanceof OperationException operationFailure) {
      return operationFailure;
    }
    String field = pathOf(e);
    String reason = cause == null ? e.getOriginalMessage() : cause.getMessage();
    String message =
        (field == null ? "Invalid request" : "Invalid value for '" + field + "'")
            + ": "
            + FirstLine.of(reason, NOT_ACCEPTED);
    return new ClientErrorException(400, ClientErrorException.INVALID_PARAMETER, field, message);
  }

  private ClientErrorException fromMismatch(MismatchedInputException e, ObjectNode request) {
    String field = pathOf(e);
    String allowed = allowed(field, e.getTargetType());
    if (field == null) {
      return new ClientErrorException(
          400,
          ClientErrorException.INVALID_PARAMETER,
          null,
          "Invalid request: expected " + allowed);
    }
    if (e instanceof InvalidFormatException format) {
      return ClientErrorException.invalidValue(field, allowed, format.getValue());
    }
    // A request field's own value, when the fault is in it rather than somewhere inside it.
    JsonNode value = e.getPath().size() == 1 ? request.get(field) : null;
    if (e.getPath().size() == 1 && (value == null || value.isNull())) {
      return ClientErrorException.missing(field, allowed);
    }
    if (value != null && value.isValueNode()) {
      return ClientErrorException.invalidValue(
          field, allowed, value.isTextual() ? value.textValue() : value.toString());
    }
    return new ClientErrorException(
        field, "Invalid value for '" + field + "': expected " + allowed);
  }

  private ClientErrorException fromMapping(JsonMappingException e) {
    String field = pathOf(e);
    Throwable cause = e.getCause();
    String reason =
        cause instanceof JacksonException jackson
            ? jackson.getOriginalMessage()
            : e.getOriginalMessage();
    if (field == null) {
      return new ClientErrorException(
          400,
          ClientErrorException.INVALID_PARAMETER,
          null,
          "Invalid request: " + FirstLine.of(reason, NOT_ACCEPTED));
    }
    ParamRule rule = rules.get(field);
    String message = "Invalid value for '" + field + "': " + FirstLine.of(reason, NOT_ACCEPTED);
    return new ClientErrorException(
        field, rule == null ? message : message + "; expected " + rule.allowed());
  }

  private String allowed(String field, Class<?> target) {
    ParamRule rule = field == null ? null : rules.get(field);
    if (rule != null) {
      return rule.allowed();
    }
    if (target == null) {
      return "a value of another type";
    }
    if (target.isEnum()) {
      return "one of " + enumNames(target);
    }
    if (target == int.class
        || target == Integer.class
        || target == long.class
        || target == Long.class
        || target == short.class
        || target == Short.class
        || target == byte.class
        || target == Byte.class
        || target == BigInteger.class) {
      return "an integer";
    }
    if (target == double.class
        || target == Double.class
        || target == float.class
        || target == Float.class
        || target == BigDecimal.class) {
      return "a number";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "true or false";
    }
    if (target == String.class || CharSequence.class.isAssignableFrom(target)) {
      return "a string";
    }
    if (target.isArray() || Collection.class.isAssignableFrom(target)) {
      return "a list";
    }
    return "an object";
  }

  private List<String> enumNames(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants())
        .map(constant -> mapper.valueToTree(constant).asText())
        .collect(Collectors.toList());
  }

  static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? null : path.toString();
  }

  private static Map<String, ParamRule> rulesOf(Class<?> type) {
    Map<String, ParamRule> rules = new LinkedHashMap<>();
    for (Field field : type.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers)
          && Modifier.isFinal(modifiers)
          && ParamRule.class.isAssignableFrom(field.getType())
          // A rule only enriches messages: one in a package closed to reflection is left out.
          && field.trySetAccessible()) {
        try {
          ParamRule rule = (ParamRule) field.get(null);
          if (rule != null) {
            rules.put(rule.field(), rule);
          }
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("Cannot read parameter rule " + field, e);
        }
      }
    }
    return Map.copyOf(rules);
  }
}
