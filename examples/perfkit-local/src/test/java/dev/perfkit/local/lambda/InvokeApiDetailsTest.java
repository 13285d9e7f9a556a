package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.occurrencesInLogs;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * The Invoke API's details as Lambda documents them: payload quotas (Invoke, API reference: 6 MB
 * synchronous, 1 MB asynchronous), the client context (up to 3,583 bytes, synchronous invocations
 * only), retries of Event invocations (How Lambda handles errors and retries with asynchronous
 * invocation: two retries, a minute and two minutes apart), and a failing invocation's log in its
 * own tail.
 */
class InvokeApiDetailsTest {

  private static LocalLambda lambda;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    lambda =
        LocalLambda.builder()
            .initTimeout(Duration.ofSeconds(30))
            .eventRetryDelays(Duration.ofSeconds(1), Duration.ofSeconds(2))
            .build();
    client = TestSupport.client(lambda.endpoint());
    lambda.deploy(probe("details").build());
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
  }

  private static String quoted(int length) {
    return "\"" + "a".repeat(length - 2) + "\"";
  }

  private static String clientContext(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void invoke_payloadOver6Mb_answers413RequestEntityTooLargeOnTheWire() {
    String payload = quoted(6 * 1024 * 1024 + 1);

    assertThatThrownBy(
            () ->
                client.invoke(
                    request ->
                        request.functionName("details").payload(SdkBytes.fromUtf8String(payload))))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(413);
              assertThat(e.awsErrorDetails().errorCode())
                  .isEqualTo("RequestEntityTooLargeException");
              assertThat(e.getMessage())
                  .contains("Request must be smaller than 6291456 bytes for the InvokeFunction");
            });
  }

  @Test
  void invoke_eventPayloadOver1Mb_answers413RequestEntityTooLarge() {
    String payload = quoted(1024 * 1024 + 1);

    assertThatThrownBy(
            () ->
                client.invoke(
                    request ->
                        request
                            .functionName("details")
                            .invocationType(InvocationType.EVENT)
                            .payload(SdkBytes.fromUtf8String(payload))))
        .isInstanceOfSatisfying(
            LambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(413);
              assertThat(e.awsErrorDetails().errorCode())
                  .isEqualTo("RequestEntityTooLargeException");
              assertThat(e.getMessage()).contains("too large for the Event invocation type");
            });
  }

  @Test
  void invoke_clientContextOver3583Bytes_isRefused() {
    String tooLong = clientContext("{\"custom\":{\"k\":\"" + "v".repeat(2700) + "\"}}");

    assertThatThrownBy(
            () -> client.invoke(request -> request.functionName("details").clientContext(tooLong)))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("at most 3583 bytes"));
  }

  @Test
  void invoke_requestResponseWithClientContext_functionReceivesIt() {
    String context = clientContext("{\"custom\":{\"caller\":\"lab\"}}");

    InvokeResponse response =
        client.invoke(request -> request.functionName("details").clientContext(context));

    assertThat(json(response.payload().asUtf8String()).get("client_context").asText())
        .isEqualTo("{caller=lab}");
  }

  @Test
  void invoke_eventWithClientContext_functionReceivesNone() {
    lambda.deploy(probe("event-context").build());
    String marker = "event-context-" + UUID.randomUUID();

    client.invoke(
        request ->
            request
                .functionName("event-context")
                .invocationType(InvocationType.EVENT)
                .clientContext(clientContext("{\"custom\":{\"caller\":\"lab\"}}"))
                .payload(
                    SdkBytes.fromUtf8String(
                        "{\"print\":\"" + marker + "\",\"printClientContext\":true}")));

    assertThat(
            eventually(
                Duration.ofSeconds(30),
                () ->
                    occurrencesInLogs(lambda.logDirectory().resolve("event-context"), marker) > 0))
        .isTrue();
    assertThat(
            occurrencesInLogs(
                lambda.logDirectory().resolve("event-context"), "client context: none"))
        .isEqualTo(1);
  }

  @Test
  void invoke_failingThenSucceeding_stackTraceIsInTheFailingTailBeforeEndOnly() {
    for (int round = 0; round < 3; round++) {
      String marker = "stack-" + UUID.randomUUID();
      InvokeResponse failing = invokeWithTail("{\"fail\":\"" + marker + "\"}");
      InvokeResponse next = invokeWithTail("{}");

      String failingTail = tail(failing);
      String requestId = failing.responseMetadata().requestId();
      assertThat(failing.functionError()).isEqualTo("Unhandled");
      assertThat(failingTail).contains("java.lang.IllegalStateException: " + marker);
      assertThat(failingTail.indexOf(marker))
          .as("the stack trace comes before END and REPORT")
          .isLessThan(failingTail.indexOf("END RequestId: " + requestId))
          .isLessThan(failingTail.indexOf("REPORT RequestId: " + requestId));
      assertThat(tail(next)).doesNotContain(marker);
    }
  }

  @Test
  void eventInvocation_failing_isRetriedTwiceAtTheConfiguredDelays() {
    lambda.deploy(probe("retried").build());
    String marker = "retried-" + UUID.randomUUID();
    long start = System.nanoTime();

    client.invoke(
        request ->
            request
                .functionName("retried")
                .invocationType(InvocationType.EVENT)
                .payload(
                    SdkBytes.fromUtf8String("{\"print\":\"" + marker + "\",\"fail\":\"always\"}")));

    long[] attemptsAt = new long[3];
    for (int attempt = 0; attempt < 3; attempt++) {
      int wanted = attempt + 1;
      assertThat(
              eventually(
                  Duration.ofSeconds(60),
                  () ->
                      occurrencesInLogs(lambda.logDirectory().resolve("retried"), marker)
                          >= wanted))
          .as("attempt " + wanted)
          .isTrue();
      attemptsAt[attempt] = System.nanoTime() - start;
    }
    assertThat(Duration.ofNanos(attemptsAt[1] - attemptsAt[0]))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(Duration.ofNanos(attemptsAt[2] - attemptsAt[1]))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(
            eventually(
                Duration.ofSeconds(4),
                () -> occurrencesInLogs(lambda.logDirectory().resolve("retried"), marker) > 3))
        .as("no third retry")
        .isFalse();
  }

  @Test
  void eventRetryDelays_byDefault_areLambdasMinuteThenTwoMinutes() {
    assertThat(AsyncInvocations.LAMBDA_RETRY_DELAYS)
        .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2));
  }

  private static InvokeResponse invokeWithTail(String payload) {
    return client.invoke(
        request ->
            request
                .functionName("details")
                .logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(payload)));
  }

  private static String tail(InvokeResponse response) {
    return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
  }
}
