package dev.perfkit.handlers;

import static dev.perfkit.handlers.PerformanceEvents.FUNCTION_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.testing.BadRequests;
import dev.perfkit.handlers.testing.BadRequests.BadRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeded bad requests sent straight to the performance function, as the Lambda runtime delivers
 * them: every event to {@code handleStream} (raw JSON), and every event the runtime can bind to an
 * {@link APIGatewayProxyRequestEvent} to {@code handleRequest} as well. Each must be a 4xx naming
 * the field at fault, without a stack trace. Nothing leaves the machine: the function has no table
 * and its external URL is a closed loopback port, and bad requests never reach either.
 */
class BadRequestFuzzTest {

  private static final long SEED = 20251126L;
  private static final int EVENTS = 600;
  private static final Duration TIME_BOUND = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ClientRegistry clients;
  private static PerformanceFunction function;

  /** What one answer was, and what was wrong with it. */
  private record Answer(
      String handler, BadRequest request, int status, String body, Optional<String> fault) {}

  @BeforeAll
  static void start() {
    Environment environment =
        Environment.of(
            Map.of(
                "AWS_REGION",
                "us-east-1",
                PerformanceFunction.EXTERNAL_URL_VARIABLE,
                "http://127.0.0.1:1/uuid"));
    clients = ClientRegistry.builder(environment).build();
    function = PerformanceEvents.quietFunction(environment, clients);
  }

  @AfterAll
  static void stop() {
    clients.close();
  }

  @Test
  void handlers_seededBadRequests_areEach4xxNamingTheFieldWithoutStackTrace() throws IOException {
    BadRequests generator = new BadRequests(SEED);
    List<Answer> answers = new ArrayList<>();
    long deadline = System.nanoTime() + TIME_BOUND.toNanos();
    for (int i = 0; i < EVENTS && System.nanoTime() < deadline; i++) {
      BadRequest request = generator.next();
      answers.add(viaStream(request));
      Optional<APIGatewayProxyRequestEvent> typed = typed(request.event());
      if (typed.isPresent()) {
        answers.add(viaRequest(request, typed.get()));
      }
    }

    List<Answer> wrong = answers.stream().filter(a -> a.fault().isPresent()).toList();
    long clientErrors = answers.stream().filter(a -> a.status() >= 400 && a.status() < 500).count();
    long serverErrors = answers.stream().filter(a -> a.status() >= 500).count();
    System.out.printf(
        "bad-request fuzz, seed %d: tried %d (%d events), 4xx %d, 5xx %d, other %d,"
            + " answered wrongly %d%n",
        SEED,
        answers.size(),
        answers.stream().filter(a -> a.handler().equals("handleStream")).count(),
        clientErrors,
        serverErrors,
        answers.size() - clientErrors - serverErrors,
        wrong.size());
    assertThat(answers).hasSizeGreaterThanOrEqualTo(EVENTS);
    assertThat(wrong).as(() -> describe(wrong)).isEmpty();
  }

  private static Answer viaStream(BadRequest request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    function.handleStream(
        new ByteArrayInputStream(request.event().getBytes(StandardCharsets.UTF_8)),
        out,
        LambdaTestContext.of(FUNCTION_NAME));
    JsonNode response = JSON.readTree(out.toByteArray());
    return judge(
        "handleStream", request, response.get("statusCode").asInt(), response.get("body").asText());
  }

  private static Answer viaRequest(BadRequest request, APIGatewayProxyRequestEvent event) {
    APIGatewayProxyResponseEvent response =
        function.handleRequest(event, LambdaTestContext.of(FUNCTION_NAME));
    return judge("handleRequest", request, response.getStatusCode(), response.getBody());
  }

  /**
   * The event as the runtime would bind it for {@code handleRequest}: only when its fields have the
   * types of {@link APIGatewayProxyRequestEvent}'s; otherwise the runtime refuses it before any
   * handler runs.
   */
  private static Optional<APIGatewayProxyRequestEvent> typed(String event) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(event);
    } catch (IOException notJson) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    JsonNode body = root.path("body");
    JsonNode base64 = root.path("isBase64Encoded");
    JsonNode query = root.path("queryStringParameters");
    if ((!body.isMissingNode() && !body.isTextual())
        || (!base64.isMissingNode() && !base64.isBoolean())
        || (!query.isMissingNode() && !isStringMap(query))) {
      return Optional.empty();
    }
    APIGatewayProxyRequestEvent typed =
        new APIGatewayProxyRequestEvent()
            .withBody(body.isMissingNode() ? null : body.textValue())
            .withIsBase64Encoded(base64.isMissingNode() ? null : base64.booleanValue());
    if (!query.isMissingNode()) {
      Map<String, String> parameters = new LinkedHashMap<>();
      query.properties().forEach(p -> parameters.put(p.getKey(), p.getValue().textValue()));
      typed.setQueryStringParameters(parameters);
    }
    return Optional.of(typed);
  }

  private static boolean isStringMap(JsonNode node) {
    if (!node.isObject()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static Answer judge(String handler, BadRequest request, int status, String body) {
    return new Answer(handler, request, status, body, request.faultOf(status, body));
  }

  private static String describe(List<Answer> wrong) {
    StringBuilder text = new StringBuilder(wrong.size() + " answered wrongly:");
    wrong.stream()
        .limit(400)
        .forEach(
            answer ->
                text.append("\n- ")
                    .append(answer.handler())
                    .append(", ")
                    .append(answer.request().kind())
                    .append(": ")
                    .append(answer.fault().get())
                    .append("; event ")
                    .append(cut(answer.request().event()))
                    .append(" -> ")
                    .append(answer.status())
                    .append(' ')
                    .append(cut(answer.body())));
    return text.toString();
  }

  private static String cut(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
