package dev.perfkit.lab.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.core.time.Ticker;
import dev.perfkit.lab.local.LocalLab;
import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.InvokeResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The calls a run makes into the lab: the Invoke API in this JVM, the API stage over HTTP. */
final class Calls {

  static final ObjectMapper JSON = new ObjectMapper();

  private final LocalLab lab;
  private final HttpClient http;
  private final Ticker ticker;

  Calls(LocalLab lab, HttpClient http, Ticker ticker) {
    this.lab = lab;
    this.http = http;
    this.ticker = ticker;
  }

  LocalLab lab() {
    return lab;
  }

  /**
   * One answer of the performance function.
   *
   * @param millis the round trip
   * @param statusCode the proxy response's status code
   * @param body the proxy response's body
   */
  record Invoked(double millis, int statusCode, JsonNode body) {
    Optional<Boolean> coldStart() {
      JsonNode cold = body.at("/performance/cold_start");
      return cold.isBoolean() ? Optional.of(cold.asBoolean()) : Optional.empty();
    }
  }

  /**
   * Invokes the performance function (a qualifier, or {@code $LATEST} when empty) with the lab's
   * event {@code {"body": request}}.
   *
   * @throws dev.perfkit.local.lambda.LocalLambdaException when Lambda refuses (429 throttled)
   * @throws IllegalStateException when the function fails
   */
  Invoked invokePerformance(Optional<String> qualifier, String request) {
    InvokeRequest.Builder invoke =
        InvokeRequest.builder(lab.stack().performanceFunction().name()).payload(envelope(request));
    qualifier.ifPresent(invoke::qualifier);
    long start = ticker.read();
    InvokeResult result = lab.lambda().invoke(invoke.build());
    double millis = (ticker.read() - start) / 1e6;
    JsonNode response = functionResponse(result);
    return new Invoked(millis, response.path("statusCode").asInt(), parse(response.path("body")));
  }

  /**
   * Invokes the load tester function with {@code request} as the lab does ({@code aws lambda invoke
   * --payload '{"body": "..."}'}) and returns its {@code load_test_results}.
   *
   * @throws IllegalStateException when it fails or answers an error
   */
  LoadReport loadTest(String request) {
    String name = lab.stack().loadTester().name();
    InvokeResult result = lab.lambda().invoke(InvokeRequest.of(name, envelope(request)));
    JsonNode response = functionResponse(result);
    JsonNode body = parse(response.path("body"));
    if (response.path("statusCode").asInt() != 200 || !body.has("load_test_results")) {
      throw new IllegalStateException(
          name + " answered " + response.path("statusCode").asInt() + ": " + body);
    }
    try {
      return JSON.treeToValue(body.get("load_test_results"), LoadReport.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          name + " answered load_test_results that do not parse: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * One answer of the API stage.
   *
   * @param status the HTTP status
   * @param millis the round trip
   * @param body the body
   * @param cache the {@code X-Cache} header, if any
   */
  record Answer(int status, double millis, String body, Optional<String> cache) {
    boolean limitExceeded() {
      return status == 429 && body.contains("Limit Exceeded");
    }
  }

  /** {@code POST /{stage}/performance} with the API key. */
  Answer post(String body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(resource(""))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        Map.of());
  }

  /** {@code GET /{stage}/performance?query} with the API key and {@code headers}. */
  Answer get(String query, Map<String, String> headers) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(resource("?" + query)).GET(), headers);
  }

  private Answer send(HttpRequest.Builder request, Map<String, String> headers)
      throws IOException, InterruptedException {
    request.header("x-api-key", lab.apiKey()).timeout(Duration.ofSeconds(60));
    headers.forEach(request::header);
    long start = ticker.read();
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    double millis = (ticker.read() - start) / 1e6;
    return new Answer(
        response.statusCode(), millis, response.body(), response.headers().firstValue("X-Cache"));
  }

  private URI resource(String query) {
    return URI.create(lab.api().invokeUrl() + lab.stack().api().resourcePath() + query);
  }

  static String envelope(String body) {
    return JSON.createObjectNode().put("body", body).toString();
  }

  private static JsonNode functionResponse(InvokeResult result) {
    if (result.functionError().isPresent()) {
      throw new IllegalStateException(
          "the function failed ("
              + result.functionError().get()
              + "): "
              + result.payloadAsString());
    }
    return parse(result.payloadAsString());
  }

  static JsonNode parse(JsonNode text) {
    return text.isTextual() ? parse(text.asText()) : JSON.createObjectNode();
  }

  static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode().put("unparsed", text);
    }
  }
}
