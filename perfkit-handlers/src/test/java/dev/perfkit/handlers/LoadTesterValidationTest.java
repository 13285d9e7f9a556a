package dev.perfkit.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.LoadTesterFixture.Answer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input is a 400 naming the field and what it allows; nothing is sent. */
class LoadTesterValidationTest {

  private static LoadTesterFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new LoadTesterFixture();
    fixture.server.register("f", invocation -> LoadTesterFixture.envelope(200, Map.of()));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      {"concurrentRequests": 0, "targetFunction": "f"}    | concurrentRequests | 1 to 1000, got 0
      {"concurrentRequests": -3, "targetFunction": "f"}   | concurrentRequests | 1 to 1000, got -3
      {"concurrentRequests": 1001, "targetFunction": "f"} | concurrentRequests | 1 to 1000, got 1001
      {"concurrentRequests": "10", "targetFunction": "f"} | concurrentRequests | 1 to 1000, got "10"
      {"concurrentRequests": 2.5, "targetFunction": "f"}  | concurrentRequests | 1 to 1000, got 2.5
      {"totalRequests": 0, "targetFunction": "f"}         | totalRequests | 1 to 1000000, got 0
      {"totalRequests": 1000001, "targetFunction": "f"}   | totalRequests | 1000000, got 1000001
      {"totalRequests": true, "targetFunction": "f"}      | totalRequests | 1 to 1000000, got true
      {"totalRequests": 10}                               | targetFunction | give 'targetFunction'
      {"targetFunction": "f", "targetUrl": "https://x.io"} | targetUrl | not both
      {"targetFunction": "not a function!"}           | targetFunction | name, name:qualifier or ARN
      {"targetFunction": 42}                          | targetFunction | a non-empty string, got 42
      {"targetUrl": "/relative/path"}                 | targetUrl | an absolute http or https URL
      {"targetUrl": "http://exa mple.com/"}           | targetUrl | an absolute http or https URL
      {"targetRps": 0, "targetFunction": "f"}         | targetRps | above 0 and at most 1000000
      {"targetRps": "fast", "targetFunction": "f"}    | targetRps | above 0 and at most 1000000
      {"workers": 0, "targetFunction": "f"}           | workers | an integer from 1 to 100, got 0
      {"workers": 11, "targetFunction": "f"}          | workers | totalRequests) = 10
      {"workers": 2, "workerIndex": 1, "targetFunction": "f"} | workers | does not fan out again
      {"budgetMs": 0, "targetFunction": "f"}          | budgetMs | an integer from 1 to 900000
      {"targetFunction": "f", "headers": {"a": "k"}}  | headers | applies to 'targetUrl' only
      {"targetUrl": "https://x.io", "headers": {"Host": "y"}} | headers | is not allowed
      {"targetUrl": "https://x.io", "headers": {"k": 5}}      | headers | a single-line string
      {"targetUrl": "https://x.io", "headers": ["k"]}         | headers | header names to string
      {"targetFunction": "f", "testPayload": "default"} | testPayload | a JSON object
      {"targetFunction": "f", "concurrentRequest": 5} | concurrentRequest | budgetMs, concurrentR
      """)
  void handleRequest_invalidField_is400NamingFieldAndAllowedValues(
      String body, String field, String allowed) {
    Answer answer = fixture.handle(body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().get("error_type").asText()).isEqualTo("InvalidParameter");
    assertThat(answer.body().get("field").asText()).isEqualTo(field);
    assertThat(answer.body().get("error").asText()).contains(allowed);
    assertThat(answer.body().get("execution_time_ms").isNumber()).isTrue();
    assertThat(fixture.server.invocations("f")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      {"concurrentRequests": 5,                | The body is not valid JSON
      [1, 2]                                   | The body must be a JSON object
      {"totalRequests": 5, "totalRequests": 6} | Duplicate field 'totalRequests'
      """)
  void handleRequest_malformedBody_is400MalformedRequest(String body, String message) {
    Answer answer = fixture.handle(body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().get("error_type").asText()).isEqualTo("MalformedRequest");
    assertThat(answer.body().get("error").asText()).contains(message);
  }

  @Test
  void handleRequest_lambdaEndpointNotAUrl_is500ConfigurationErrorNamingTheVariable() {
    LoadTesterConfig config =
        LoadTesterConfig.fromEnvironment(
            Environment.of(
                Map.of("AWS_ENDPOINT_URL_LAMBDA", "not a url", "PERFKIT_TARGET_FUNCTION", "f")));
    try {
      APIGatewayProxyResponseEvent response =
          new LoadTester(config)
              .handleRequest(new APIGatewayProxyRequestEvent().withBody("{}"), null);

      Answer answer = LoadTesterFixture.answer(response.getStatusCode(), response.getBody());
      assertThat(answer.status()).isEqualTo(500);
      assertThat(answer.body().get("error_type").asText()).isEqualTo("ConfigurationError");
      assertThat(answer.body().get("error").asText()).contains("AWS_ENDPOINT_URL_LAMBDA");
    } finally {
      config.registry().close();
    }
  }

  @Test
  void handleRequest_workersWithoutOwnName_is500ConfigurationError() {
    APIGatewayProxyResponseEvent response =
        fixture.tester.handleRequest(
            new APIGatewayProxyRequestEvent()
                .withBody("{\"targetFunction\": \"f\", \"workers\": 2}"),
            null);

    Answer answer = LoadTesterFixture.answer(response.getStatusCode(), response.getBody());
    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.body().get("error").asText()).contains("AWS_LAMBDA_FUNCTION_NAME");
    assertThat(fixture.server.invocations("f")).isEmpty();
  }

  @Test
  void handleRequest_invalidInput_keepsHeaderValuesOutOfAnswerAndLogs() {
    String secret = "secret-value-in-a-bad-request";
    LambdaTestContext context = LambdaTestContext.of("load-tester", Duration.ofMinutes(1));

    Answer answer =
        fixture.handle(
            LoadTesterFixture.json(
                Map.of(
                    "targetUrl",
                    "https://x.io/",
                    "concurrentRequests",
                    0,
                    "headers",
                    Map.of("Authorization", secret))),
            context);

    assertThat(answer.status()).isEqualTo(400);
    JsonNode body = answer.body();
    assertThat(body.toString()).doesNotContain(secret);
    assertThat(context.logs()).contains("400").doesNotContain(secret);
  }
}
