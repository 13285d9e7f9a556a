package dev.perfkit.handlers;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.load.Outcome;
import dev.perfkit.core.load.Target;
import dev.perfkit.core.time.Ticker;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invokes a Lambda function synchronously with the lab's payload {@code {"body": json}} and
 * classifies the answer: a throttle (HTTP 429, {@code TooManyRequestsException}, or an envelope
 * with statusCode 429) is throttled; an SDK exception, a function error ({@code
 * X-Amz-Function-Error}) or an envelope with statusCode 400 or more is a failure.
 */
final class LoadTesterLambdaTarget implements Target {

  /**
   * A load test counts throttles and errors instead of retrying them (a retry would send more load
   * than asked for), and must not slow down when throttled as the adaptive strategy would.
   */
  static final SdkPlugin NO_RETRIES =
      config -> config.overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()));

  private static final int MAX_DETAIL = 300;

  private final LambdaClient client;
  private final String function;
  private final SdkBytes payload;
  private final LoadTesterDeadline deadline;
  private final Ticker ticker;
  private final ObjectMapper mapper;

  LoadTesterLambdaTarget(
      LambdaClient client,
      String function,
      SdkBytes payload,
      LoadTesterDeadline deadline,
      Ticker ticker,
      ObjectMapper mapper) {
    this.client = client;
    this.function = function;
    this.payload = payload;
    this.deadline = deadline;
    this.ticker = ticker;
    this.mapper = mapper;
  }

  /** A synchronous, not retried invoke that ends by the deadline's hard limit. */
  static InvokeRequest request(
      String function, SdkBytes payload, LoadTesterDeadline deadline, long nowNanos) {
    return InvokeRequest.builder()
        .functionName(function)
        .invocationType(InvocationType.REQUEST_RESPONSE)
        .payload(payload)
        .overrideConfiguration(
            o -> {
              o.addPlugin(NO_RETRIES);
              deadline.timeLeft(nowNanos).ifPresent(o::apiCallTimeout);
            })
        .build();
  }

  @Override
  public Outcome execute(long requestId) {
    InvokeResponse response;
    try {
      response = client.invoke(request(function, payload, deadline, ticker.read()));
    } catch (SdkServiceException e) {
      return e.isThrottlingException() ? Outcome.throttled() : Outcome.failure(describe(e));
    } catch (SdkException e) {
      return Outcome.failure(describe(e));
    }
    return classify(response, mapper);
  }

  static Outcome classify(InvokeResponse response, ObjectMapper mapper) {
    JsonNode answer = readJson(response.payload(), mapper);
    if (response.functionError() != null) {
      return Outcome.failure(
          "function error ("
              + response.functionError()
              + "): "
              + detail(answer, "errorType", "errorMessage"));
    }
    JsonNode statusCode = answer == null ? null : answer.get("statusCode");
    if (statusCode == null || !statusCode.canConvertToInt()) {
      return Outcome.success();
    }
    int status = statusCode.asInt();
    if (status == 429) {
      return Outcome.throttled();
    }
    if (status >= 400) {
      return Outcome.failure(
          "target answered statusCode "
              + status
              + ": "
              + detail(bodyOf(answer, mapper), "error_type", "error"));
    }
    return Outcome.success();
  }

  /** The JSON of a payload, or null when it is not JSON. */
  static JsonNode readJson(SdkBytes payload, ObjectMapper mapper) {
    if (payload == null) {
      return null;
    }
    try {
      return mapper.readTree(payload.asUtf8String());
    } catch (JacksonException e) {
      return null;
    }
  }

  /** An API Gateway envelope's body parsed as JSON, else the envelope itself. */
  private static JsonNode bodyOf(JsonNode envelope, ObjectMapper mapper) {
    JsonNode body = envelope.get("body");
    if (body != null && body.isTextual()) {
      try {
        return mapper.readTree(body.textValue());
      } catch (JacksonException e) {
        return envelope;
      }
    }
    return envelope;
  }

  /** "type: message" from two fields of {@code node}, short. */
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

  static String describe(SdkException e) {
    String message = e.getMessage() == null ? "" : ": " + e.getMessage();
    return e.getClass().getSimpleName() + message;
  }
}
