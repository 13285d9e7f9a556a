package dev.perfkit.lab.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.handlers.testing.BadRequests;
import dev.perfkit.handlers.testing.BadRequests.BadRequest;
import dev.perfkit.local.apigateway.ApiStage;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.testing.SharedTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seeded bad requests of perfkit-handlers' fuzz test over HTTP, through the local API stage to
 * the performance function in a real execution environment (the lab's {@code ::handleRequest}
 * handler string): the ones a client can send as a body or a query string. Each must be the
 * function's 4xx naming the field. Everything runs on 127.0.0.1; bad requests reach neither the
 * table nor the external URL.
 */
class StageBadRequestFuzzTest {

  private static final long SEED = 20251127L;
  private static final int REQUESTS = 500;
  private static final int MAX_EVENTS = 5 * REQUESTS;
  private static final Duration TIME_BOUND = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static LocalLambda lambda;
  private static ApiStage stage;

  /** A request as a client sends it: a POST body or a GET query string. */
  private record Sent(BadRequest request, HttpRequest http) {}

  @BeforeAll
  static void start() throws IOException {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(60)).build();
    lambda.deploy(
        FunctionConfig.builder(
                "performance",
                PerformanceFunction.class.getName() + "::handleRequest",
                SharedTestSupport.testClasspath())
            .memoryMb(512)
            .timeout(Duration.ofSeconds(30))
            .environmentVariable(
                PerformanceFunction.EXTERNAL_URL_VARIABLE, "http://127.0.0.1:1/uuid")
            .build());
    stage = ApiStage.builder(lambda, "performance").build();
  }

  @AfterAll
  static void stop() {
    if (stage != null) {
      stage.close();
    }
    if (lambda != null) {
      lambda.close();
    }
  }

  @Test
  void stage_seededBadRequests_areEachTheFunctions4xxNamingTheField() throws Exception {
    BadRequests generator = new BadRequests(SEED);
    List<String> wrong = new ArrayList<>();
    int tried = 0;
    int clientErrors = 0;
    int serverErrors = 0;
    long deadline = System.nanoTime() + TIME_BOUND.toNanos();
    for (int i = 0; i < MAX_EVENTS && tried < REQUESTS && System.nanoTime() < deadline; i++) {
      Optional<Sent> sent = overHttp(generator.next());
      if (sent.isEmpty()) {
        continue;
      }
      HttpResponse<String> response =
          HTTP.send(sent.get().http(), HttpResponse.BodyHandlers.ofString());
      tried++;
      clientErrors += response.statusCode() >= 400 && response.statusCode() < 500 ? 1 : 0;
      serverErrors += response.statusCode() >= 500 ? 1 : 0;
      int number = tried;
      sent.get()
          .request()
          .faultOf(response.statusCode(), response.body())
          .ifPresent(
              fault ->
                  wrong.add(
                      number
                          + ". "
                          + sent.get().request().kind()
                          + ": "
                          + fault
                          + " -> "
                          + cut(response.body())));
    }

    System.out.printf(
        "bad-request fuzz through the API stage, seed %d: tried %d, 4xx %d, 5xx %d,"
            + " other %d, answered wrongly %d%n",
        SEED, tried, clientErrors, serverErrors, tried - clientErrors - serverErrors, wrong.size());
    assertThat(tried).isEqualTo(REQUESTS);
    assertThat(wrong)
        .as(() -> String.join("\n", wrong.subList(0, Math.min(40, wrong.size()))))
        .isEmpty();
  }

  /**
   * The request over HTTP: an event with only a body becomes a POST of it, one with only query
   * parameters a GET; the others (base64, wrong shapes) are events no HTTP client can make.
   */
  private static Optional<Sent> overHttp(BadRequest request) throws IOException {
    JsonNode event;
    try {
      event = JSON.readTree(request.event());
    } catch (IOException notJson) {
      return Optional.empty();
    }
    URI resource = URI.create(stage.invokeUrl() + "/performance");
    if (event.isObject() && event.size() == 1 && event.path("body").isTextual()) {
      return Optional.of(
          new Sent(
              request,
              HttpRequest.newBuilder(resource)
                  .timeout(Duration.ofSeconds(60))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(event.get("body").textValue()))
                  .build()));
    }
    JsonNode query = event.path("queryStringParameters");
    boolean strings =
        query.isObject() && query.properties().stream().allMatch(p -> p.getValue().isTextual());
    if (event.isObject() && event.size() == 1 && strings) {
      String parameters =
          query.properties().stream()
              .map(p -> encode(p.getKey()) + "=" + encode(p.getValue().asText()))
              .collect(Collectors.joining("&"));
      return Optional.of(
          new Sent(
              request,
              HttpRequest.newBuilder(URI.create(resource + "?" + parameters))
                  .timeout(Duration.ofSeconds(60))
                  .GET()
                  .build()));
    }
    return Optional.empty();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String cut(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
