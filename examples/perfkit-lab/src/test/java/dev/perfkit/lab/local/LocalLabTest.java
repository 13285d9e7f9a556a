package dev.perfkit.lab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.InvokeResult;
import dev.perfkit.local.testing.SharedTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** One lab for the whole class, at the smallest scale: starting it costs JVMs. */
class LocalLabTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static LocalLab lab;

  @BeforeAll
  static void startLab() throws IOException {
    lab = LabTestSupport.smallLab("labtest").start();
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void stack_smallScale_runsTheScaledSettingsAndSaysSo() {
    assertThat(lab.stack().performanceFunction().reservedConcurrency()).hasValue(5);
    assertThat(lab.notes())
        .anySatisfy(note -> assertThat(note).startsWith("concurrency scaled to 0.1 of the lab's"))
        .contains(
            "labtest-performance-function: provisioned concurrency 1 on alias prod"
                + " (unscaled: 10)");
  }

  @Test
  void provisionedEnvironment_answersTheFirstCallWithoutColdStart() throws IOException {
    InvokeResult result =
        lab.lambda()
            .invoke(
                InvokeRequest.builder("labtest-performance-function")
                    .qualifier("prod")
                    .payload(
                        "{\"queryStringParameters\": {\"operation\": \"cpu_intensive\","
                            + " \"iterations\": \"1000\"}}")
                    .build());

    JsonNode body = JSON.readTree(JSON.readTree(result.payloadAsString()).get("body").asText());
    assertThat(body.at("/performance/cold_start").asBoolean()).isFalse();
    assertThat(body.at("/result/result").asText()).isEqualTo("332833500");
  }

  @Test
  void stage_defaultOperation_getsTheLocalUuidServiceThroughTheKeyedCachedStage() throws Exception {
    URI url = URI.create(lab.api().invokeUrl() + "/performance?operation=default");
    HttpResponse<String> first = get(url, lab.apiKey());
    HttpResponse<String> second = get(url, lab.apiKey());
    HttpResponse<String> keyless = get(url, null);

    assertThat(first.statusCode()).isEqualTo(200);
    JsonNode result = JSON.readTree(first.body()).get("result");
    assertThat(result.at("/external_data/uuid").asText()).matches("[0-9a-f-]{36}");
    assertThat(result.has("fallback_reason")).as(first.body()).isFalse();
    assertThat(first.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(second.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(keyless.statusCode()).isEqualTo(403);
  }

  @Test
  void stage_databaseBatch_writesToTheLocalTable() throws Exception {
    RequiredTool.require(
        "DynamoDB (dynalite on Node.js): " + lab.notes(),
        lab.dynamoEndpoint().isPresent(),
        "install Node.js 20 with npm");
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(lab.api().invokeUrl() + "/performance"))
                .header("x-api-key", lab.apiKey())
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"operation\": \"database_batch\", \"dataSize\": \"small\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode result = JSON.readTree(response.body()).get("result");
    assertThat(result.get("total_records").asInt()).as(response.body()).isPositive();
    assertThat(result.get("unprocessed_records").asInt()).as(response.body()).isZero();
  }

  @Test
  void queue_sentMessages_areProcessedByTheSqsFunction() {
    for (int i = 0; i < 5; i++) {
      int id = i;
      lab.sqs()
          .client()
          .sendMessage(
              request ->
                  request
                      .queueUrl(lab.queues().queueUrl())
                      .messageBody("{\"id\": \"message-" + id + "\"}"));
    }

    assertThat(
            SharedTestSupport.eventually(
                Duration.ofSeconds(90), () -> lab.sqsMapping().stats().messagesProcessed() >= 5))
        .as("%s", lab.sqsMapping().stats())
        .isTrue();
    assertThat(
            lab.sqs()
                .client()
                .getQueueAttributes(
                    request ->
                        request
                            .queueUrl(lab.queues().deadLetterQueueUrl())
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        .isEqualTo("0");
  }

  @Test
  void loadTester_targetsThePerformanceFunctionThroughTheLocalLambda() throws IOException {
    InvokeResult result =
        lab.lambda()
            .invoke(
                InvokeRequest.builder("labtest-load-tester")
                    .payload(
                        "{\"body\": \"{\\\"concurrentRequests\\\": 2, \\\"totalRequests\\\": 4,"
                            + " \\\"testPayload\\\": {\\\"operation\\\": \\\"cpu_intensive\\\","
                            + " \\\"iterations\\\": 100}}\"}")
                    .build());

    JsonNode body = JSON.readTree(JSON.readTree(result.payloadAsString()).get("body").asText());
    assertThat(body.at("/load_test_results/successful_requests").asInt())
        .as(body.toString())
        .isEqualTo(4);
  }

  @Test
  void loadTester_targetUrlOnTheStage_sendsThroughTheKeyedStage() throws IOException {
    JsonNode body = invokeLoadTester(URI.create(lab.api().invokeUrl() + "/performance"));

    assertThat(body.at("/load_test_results/successful_requests").asInt())
        .as(body.toString())
        .isEqualTo(2);
  }

  @Test
  void loadTester_targetUrlOnTheLabsOwnServices_isRefusedNamingTheRule() throws IOException {
    URI invokeApi =
        URI.create(
            lab.lambda().endpoint() + "/2015-03-31/functions/labtest-sqs-scaler/invocations");
    List<URI> services = List.of(invokeApi, lab.sqs().endpoint(), lab.externalUrl());

    for (URI service : services) {
      JsonNode body = invokeLoadTester(service);

      assertThat(body.get("error_type").asText()).as(body.toString()).isEqualTo("TargetRefused");
      assertThat(body.get("field").asText()).isEqualTo("targetUrl");
    }
  }

  /** The load tester's answer to two requests at {@code targetUrl}, with the lab's API key. */
  private static JsonNode invokeLoadTester(URI targetUrl) throws IOException {
    ObjectNode test =
        JSON.createObjectNode()
            .put("targetUrl", targetUrl.toString())
            .put("concurrentRequests", 1)
            .put("totalRequests", 2);
    test.putObject("headers").put("x-api-key", lab.apiKey());
    test.putObject("testPayload").put("operation", "cpu_intensive").put("iterations", 100);
    InvokeResult result =
        lab.lambda()
            .invoke(
                InvokeRequest.builder("labtest-load-tester")
                    .payload(
                        JSON.writeValueAsString(
                            JSON.createObjectNode().put("body", JSON.writeValueAsString(test))))
                    .build());
    return JSON.readTree(JSON.readTree(result.payloadAsString()).get("body").asText());
  }

  @Test
  void start_missingHandlersJar_namesIt(@TempDir Path dir) {
    Path missing = dir.resolve("nothing-lambda.jar");

    assertThatThrownBy(
            () ->
                LocalLab.builder(LabStack.forUser("labtest", ColdStartMode.NONE))
                    .handlersJar(missing)
                    .start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("handlersJar " + missing + " is not a file");
  }

  @Test
  void builder_shortApiKey_isRefusedWithTheRule() {
    assertThatThrownBy(
            () -> LocalLab.builder(LabStack.forUser("labtest", ColdStartMode.NONE)).apiKey("short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey must be 20 to 128 printable ASCII characters");
  }

  private static HttpResponse<String> get(URI url, String apiKey) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60));
    if (apiKey != null) {
      request.header("x-api-key", apiKey);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
