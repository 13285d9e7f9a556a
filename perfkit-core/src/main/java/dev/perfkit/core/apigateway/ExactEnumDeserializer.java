package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * An enum's deserializer that refuses a name with white space around it ({@code "small "}), which
 * Jackson's own would trim and accept; every other value goes to Jackson's.
 */
final class ExactEnumDeserializer extends DelegatingDeserializer {

  private static final long serialVersionUID = 1L;

  private ExactEnumDeserializer(JsonDeserializer<?> enumDeserializer) {
    super(enumDeserializer);
  }

  /** A module wrapping every enum's deserializer in one of these. */
  static Module module() {
    return new SimpleModule("perfkit-exact-enums")
        .setDeserializerModifier(
            new BeanDeserializerModifier() {
              private static final long serialVersionUID = 1L;

              @Override
              public JsonDeserializer<?> modifyEnumDeserializer(
                  DeserializationConfig config,
                  JavaType type,
                  BeanDescription description,
                  JsonDeserializer<?> deserializer) {
                return new ExactEnumDeserializer(deserializer);
              }
            });
  }

  @Override
  protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
    return new ExactEnumDeserializer(newDelegatee);
  }

  @Override
  public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_STRING)) {
      String name = parser.getText();
      if (!name.equals(name.strip())) {
        return context.handleWeirdStringValue(
            handledType(), name, "white space around an enum name is not accepted");
      }
    }
    return super.deserialize(parser, context);
  }
}
