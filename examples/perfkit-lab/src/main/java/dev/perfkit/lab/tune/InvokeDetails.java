package dev.perfkit.lab.tune;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How the tuner invokes a function and words what went wrong: no retries, the answer's JSON, and
 * short descriptions of a function error or an SDK exception. (perfkit-handlers' load tester target
 * has the same rules for its invocations.)
 */
final class InvokeDetails {

  /** A measurement counts throttles and errors; a retry would hide them and add invocations. */
  static final SdkPlugin NO_RETRIES =
      config -> config.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));

  private static final int MAX_DETAIL = 300;

  private InvokeDetails() {}

  /** The JSON of an answer's payload, or null when there is none or it is not JSON. */
  static JsonNode json(SdkBytes payload, ObjectMapper mapper) {
    if (payload == null) {
      return null;
    }
    try {
      return mapper.readTree(payload.asUtf8String());
    } catch (JacksonException e) {
      return null;
    }
  }

  /** "type: message" from two fields of an answer, short. */
  static String detail(JsonNode node, String typeField, String messageField) {
    if (node == null || !node.isObject()) {
      return "(no details)";
    }
    JsonNode type = node.get(typeField);
    JsonNode message = node.get(messageField);
    String text =
        (type != null && type.isValueNode() ? type.asText() + ": " : "")
            + (message != null && message.isValueNode() ? message.asText() : "(no message)");
    return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
  }

  /** The exception's type and message. */
  static String describe(SdkException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
