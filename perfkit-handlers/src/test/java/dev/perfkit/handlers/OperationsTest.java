package dev.perfkit.handlers;

import static dev.perfkit.handlers.PerformanceEvents.FUNCTION_NAME;
import static dev.perfkit.handlers.PerformanceEvents.body;
import static dev.perfkit.handlers.PerformanceEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** concurrent_processing, stream_processing, memory_test and routing, through handleRequest. */
class OperationsTest {

  private static ClientRegistry clients;
  private static ExecutorService threads;
  private static final AtomicInteger workersSubmitted = new AtomicInteger();
  private static PerformanceFunction function;

  @BeforeAll
  static void start() {
    Environment environment = Environment.of(Map.of());
    clients = ClientRegistry.builder(environment).build();
    threads = Executors.newFixedThreadPool(64);
    function =
        new PerformanceFunction(
            PerformanceFunction.Configuration.builder(environment, clients)
                .metricsSink(new CapturedEmf())
                .executor(
                    task -> {
                      workersSubmitted.incrementAndGet();
                      threads.execute(task);
                    })
                .build());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    clients.close();
    threads.shutdown();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private static APIGatewayProxyResponseEvent call(String body) {
    return function.handleRequest(post(body), LambdaTestContext.of(FUNCTION_NAME));
  }

  @Test
  void concurrentProcessing_completesEveryTaskAndShowsTheFirstThree() {
    APIGatewayProxyResponseEvent response =
        call("{\"operation\": \"concurrent_processing\", \"concurrency\": 25}");

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode result = body(response).get("result");
    assertThat(result.get("operation").asText()).isEqualTo("concurrent_processing");
    assertThat(result.get("concurrency_level").asInt()).isEqualTo(25);
    assertThat(result.get("tasks_completed").asInt()).isEqualTo(25);
    assertThat(result.get("processing_time_ms").isNumber()).isTrue();
    List<Integer> shownIds = new ArrayList<>();
    for (JsonNode task : result.get("results")) {
      shownIds.add(task.get("task_id").asInt());
      assertThat(task.get("result").asText())
          .isEqualTo("Task " + task.get("task_id").asInt() + " completed");
      assertThat(task.get("worker_time").asDouble()).isPositive();
    }
    assertThat(shownIds).containsExactly(0, 1, 2);
    assertThat(response.getBody()).containsPattern("\"worker_time\":\\d+\\.\\d{1,3}[,}]");
  }

  @Test
  void concurrentProcessing_onAWideExecutor_usesAtMostTenWorkersPerCall() {
    int before = workersSubmitted.get();

    APIGatewayProxyResponseEvent response =
        call("{\"operation\": \"concurrent_processing\", \"concurrency\": 40}");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(body(response).at("/result/tasks_completed").asInt()).isEqualTo(40);
    assertThat(workersSubmitted.get() - before).isEqualTo(10);
  }

  @Test
  void concurrentProcessing_noConcurrency_runsOneTask() {
    JsonNode result = body(call("{\"operation\": \"concurrent_processing\"}")).get("result");

    assertThat(result.get("concurrency_level").asInt()).isEqualTo(1);
    assertThat(result.get("tasks_completed").asInt()).isEqualTo(1);
    assertThat(result.get("results")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "1001", "\"ten\""})
  void concurrentProcessing_concurrencyOutOfRange_is400NamingFieldAndRange(String concurrency) {
    APIGatewayProxyResponseEvent response =
        call("{\"operation\": \"concurrent_processing\", \"concurrency\": " + concurrency + "}");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("field").asText()).isEqualTo("concurrency");
    assertThat(body(response).get("error").asText()).contains("an integer from 1 to 1000");
  }

  @Test
  void concurrentProcessing_tooLittleTimeLeft_is500SayingHowFarItGot() {
    APIGatewayProxyResponseEvent response =
        function.handleRequest(
            post("{\"operation\": \"concurrent_processing\", \"concurrency\": 50}"),
            LambdaTestContext.of(FUNCTION_NAME, Duration.ofMillis(300)));

    assertThat(response.getStatusCode()).isEqualTo(500);
    JsonNode error = body(response);
    assertThat(error.get("error_type").asText()).isEqualTo("DeadlineExceededException");
    assertThat(error.get("error").asText())
        .contains("0 of 50 tasks completed")
        .contains("'concurrency'");
  }

  @Test
  void streamProcessing_chunksOf50_withIdsOrTheRecordsIndex() {
    String records =
        IntStream.range(0, 120)
            .mapToObj(i -> i % 2 == 0 ? "{\"id\": \"evt-" + i + "\"}" : "{\"value\": " + i + "}")
            .collect(Collectors.joining(",", "[", "]"));

    APIGatewayProxyResponseEvent response =
        call("{\"operation\": \"stream_processing\", \"records\": " + records + "}");

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode result = body(response).get("result");
    assertThat(result.get("operation").asText()).isEqualTo("stream_processing");
    assertThat(result.get("total_records").asInt()).isEqualTo(120);
    assertThat(result.get("chunks_processed").asInt()).isEqualTo(3);
    assertThat(result.get("total_time_ms").isNumber()).isTrue();
    assertThat(result.get("throughput_records_per_sec").asDouble()).isPositive();
    JsonNode chunks = result.get("chunks");
    assertThat(chunks.findValuesAsText("records_in_chunk")).containsExactly("50", "50", "20");
    assertThat(chunks.findValuesAsText("first_record_id"))
        .containsExactly("evt-0", "evt-50", "evt-100");
    assertThat(chunks.findValuesAsText("last_record_id"))
        .containsExactly("record-49", "record-99", "record-119");
  }

  @Test
  void streamProcessing_noRecords_isEmptyWithZeroThroughput() {
    JsonNode result = body(call("{\"operation\": \"stream_processing\"}")).get("result");

    assertThat(result.get("total_records").asInt()).isZero();
    assertThat(result.get("chunks_processed").asInt()).isZero();
    assertThat(result.get("throughput_records_per_sec").asDouble()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{\"id\": 1}, 5] | records[1]",
        "[{\"id\": 1}, null] | records[1]",
        "{\"id\": 1} | records"
      })
  void streamProcessing_recordThatIsNoObject_is400NamingIt(String records, String field) {
    APIGatewayProxyResponseEvent response =
        call("{\"operation\": \"stream_processing\", \"records\": " + records + "}");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("field").asText()).isEqualTo(field);
  }

  @ParameterizedTest
  @CsvSource({"small, 1000, 500", "medium, 10000, 5000", "large, 100000, 50000"})
  void memoryTest_dataSize_allocatesAndProcessesTheLabsCounts(
      String dataSize, int allocated, int processed) {
    JsonNode result =
        body(call("{\"operation\": \"memory_test\", \"dataSize\": \"" + dataSize + "\"}"))
            .get("result");

    assertThat(result.get("operation").asText()).isEqualTo("memory_test");
    assertThat(result.get("data_size").asText()).isEqualTo(dataSize);
    assertThat(result.get("items_allocated").asInt()).isEqualTo(allocated);
    assertThat(result.get("items_processed").asInt()).isEqualTo(processed);
    assertThat(result.get("processing_time_ms").isNumber()).isTrue();
  }

  @Test
  void memoryTest_noDataSize_isSmall() {
    JsonNode result = body(call("{\"operation\": \"memory_test\"}")).get("result");

    assertThat(result.get("data_size").asText()).isEqualTo("small");
    assertThat(result.get("items_allocated").asInt()).isEqualTo(1000);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"huge\"", "\"SMALL\"", "3"})
  void memoryTest_unknownDataSize_is400NamingTheAllowedValues(String dataSize) {
    APIGatewayProxyResponseEvent response =
        call("{\"operation\": \"memory_test\", \"dataSize\": " + dataSize + "}");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("field").asText()).isEqualTo("dataSize");
    assertThat(body(response).get("error").asText()).contains("one of [small, medium, large]");
  }

  @Test
  void handleRequest_unknownOperation_is400ListingTheOperations() {
    APIGatewayProxyResponseEvent response = call("{\"operation\": \"cpu_intense\"}");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("field").asText()).isEqualTo("operation");
    assertThat(body(response).get("error").asText())
        .contains("cpu_intense")
        .contains(LabMetrics.operationTimes().keySet().toString());
  }

  @Test
  void handleRequest_successfulCall_carriesTheLabsPerformanceBlock() {
    JsonNode performance =
        body(call("{\"operation\": \"cpu_intensive\", \"iterations\": 10}")).get("performance");

    assertThat(performance.get("execution_time_ms").isNumber()).isTrue();
    assertThat(performance.get("remaining_time_ms").asLong()).isPositive();
    assertThat(performance.get("cold_start").isBoolean()).isTrue();
    assertThat(performance.get("memory_limit_mb").asInt()).isEqualTo(1024);
  }

  @Test
  void handleStream_bodyAsJsonObject_isServedLikeAString() throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream input =
        OperationsTest.class.getResourceAsStream("/events/performance-direct-object-body.json")) {
      function.handleStream(input, output, LambdaTestContext.of(FUNCTION_NAME));
    }

    JsonNode response = PerformanceEvents.parse(output.toString(StandardCharsets.UTF_8));
    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    JsonNode result = PerformanceEvents.parse(response.get("body").asText()).get("result");
    assertThat(result.get("total_records").asInt()).isEqualTo(3);
    assertThat(result.at("/chunks/0/first_record_id").asText()).isEqualTo("a");
    assertThat(result.at("/chunks/0/last_record_id").asText()).isEqualTo("7");
  }

  @Test
  void handleStream_parametersAtTheTopLevel_is400NamingTheField() throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    function.handleStream(
        new ByteArrayInputStream(
            "{\"operation\": \"cpu_intensive\", \"iterations\": 10}"
                .getBytes(StandardCharsets.UTF_8)),
        output,
        LambdaTestContext.of(FUNCTION_NAME));

    JsonNode response = PerformanceEvents.parse(output.toString(StandardCharsets.UTF_8));
    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    JsonNode error = PerformanceEvents.parse(response.get("body").asText());
    assertThat(error.get("error_type").asText()).isEqualTo("MalformedRequest");
    assertThat(error.get("field").asText()).isEqualTo("operation");
  }
}
