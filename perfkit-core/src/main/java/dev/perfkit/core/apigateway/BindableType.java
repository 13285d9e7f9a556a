package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.AbstractDeserializer;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import dev.perfkit.core.routing.ConfigurationException;

/**
 * The check, when the pipeline is built, that Jackson can bind an operation's parameter type from a
 * JSON object: otherwise every request would be refused, and blamed on the caller.
 */
final class BindableType {

  private BindableType() {}

  /**
   * Builds {@code type}'s deserializer and checks that it can create an instance from an object.
   *
   * @throws ConfigurationException naming {@code operation} and {@code type} when it cannot
   */
  static void require(String operation, Class<?> type, ObjectMapper mapper) {
    DeserializationConfig config = mapper.getDeserializationConfig();
    JsonDeserializer<Object> deserializer;
    try {
      deserializer =
          ((DefaultDeserializationContext) mapper.getDeserializationContext())
              .createDummyInstance(config)
              .findRootValueDeserializer(mapper.constructType(type));
    } catch (JsonMappingException e) {
      throw unbindable(operation, type, FirstLine.of(e.getOriginalMessage(), "no reason given"), e);
    }
    if (deserializer instanceof AbstractDeserializer) {
      throw unbindable(operation, type, "it is abstract, with no concrete type to create", null);
    }
    if (deserializer instanceof ValueInstantiator.Gettable gettable
        && !createsFromObject(gettable.getValueInstantiator())) {
      throw unbindable(
          operation,
          type,
          "it has no constructor Jackson can call: a public one without arguments, a record's, or"
              + " one annotated @JsonCreator",
          null);
    }
  }

  private static boolean createsFromObject(ValueInstantiator instantiator) {
    return instantiator == null
        || instantiator.canCreateUsingDefault()
        || instantiator.canCreateFromObjectWith()
        || instantiator.canCreateUsingDelegate();
  }

  private static ConfigurationException unbindable(
      String operation, Class<?> type, String reason, Throwable cause) {
    String message =
        "operation '"
            + operation
            + "' cannot bind its parameters to "
            + type.getName()
            + ": "
            + reason;
    return cause == null
        ? new ConfigurationException(message)
        : new ConfigurationException(message, cause);
  }
}
