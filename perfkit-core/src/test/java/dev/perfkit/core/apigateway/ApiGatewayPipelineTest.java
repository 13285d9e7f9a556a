package dev.perfkit.core.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.routing.ConfigurationException;
import dev.perfkit.core.routing.IntRange;
import dev.perfkit.core.routing.Operation;
import dev.perfkit.core.routing.OperationRouter;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiGatewayPipelineTest {

  record CpuParams(Integer iterations) {
    static final IntRange ITERATIONS = IntRange.of("iterations", 0, 100_000_000).withDefault(1000);

    CpuParams {
      iterations = ITERATIONS.validate(iterations);
    }
  }

  enum DataSize {
    @JsonProperty("small")
    SMALL,
    @JsonProperty("large")
    LARGE
  }

  record MemoryParams(DataSize dataSize) {
    MemoryParams {
      dataSize = dataSize == null ? DataSize.SMALL : dataSize;
    }
  }

  record EchoParams(String a, String b) {}

  record NoParams() {}

  private static final Instant JVM_START = Instant.parse("2025-11-26T14:00:00Z");
  private static final long MIB = 1024L * 1024L;

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong ticker = new AtomicLong(42_000_000_000L);
  private final CapturedEmf documents = new CapturedEmf();
  private final LambdaTestContext context =
      LambdaTestContext.of("perf-fn", Duration.ofSeconds(30), ticker::get).withRequestId("req-1");

  private final OperationRouter router =
      OperationRouter.builder()
          .operation(
              Operation.of(
                      "cpu_intensive",
                      CpuParams.class,
                      (params, context) -> {
                        ticker.addAndGet(Duration.ofMillis(7).toNanos());
                        return Map.of(
                            "iterations",
                            params.iterations(),
                            "result",
                            sumOfSquares(params.iterations()));
                      })
                  .timedAs("CPUIntensiveTime"))
          .operation(
              "memory_test",
              MemoryParams.class,
              (params, context) -> Map.of("data_size", params.dataSize()))
          .operation("echo", EchoParams.class, (params, context) -> params)
          .operation(
              "database_batch",
              NoParams.class,
              (params, context) -> {
                throw new ConfigurationException("PERFKIT_TABLE_NAME is not set");
              })
          .operation(
              "explode",
              NoParams.class,
              (params, context) -> {
                throw new IllegalStateException(
                    "boom\n\tat com.example.Secret.method(Secret.java:1)");
              })
          .operation("opaque", NoParams.class, (params, context) -> new Object())
          .operation("default", NoParams.class, (params, context) -> Map.of("pong", true))
          .defaultOperation("default")
          .build();

  private final ApiGatewayPipeline pipeline =
      pipeline(Environment.of(Map.of("PERFKIT_NAMESPACE", "PerfkitTest")));

  private ApiGatewayPipeline pipeline(Environment environment) {
    return ApiGatewayPipeline.builder(router)
        .environment(environment)
        .metrics(ApiGatewayPipeline.standardEmitter(environment, documents))
        .coldStarts(
            ColdStartTracker.create(
                environment, Clock.fixed(JVM_START.plusMillis(1234), ZoneOffset.UTC), JVM_START))
        .ticker(ticker::get)
        .residentMemoryBytes(() -> 256 * MIB)
        .build();
  }

  private static BigInteger sumOfSquares(int n) {
    BigInteger sum = BigInteger.ZERO;
    for (long i = 0; i < n; i++) {
      sum = sum.add(BigInteger.valueOf(i * i));
    }
    return sum;
  }

  private static APIGatewayProxyRequestEvent post(String body) {
    return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withBody(body);
  }

  private JsonNode body(APIGatewayProxyResponseEvent response) throws IOException {
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
    return json.readTree(response.getBody());
  }

  private JsonNode clientError(String requestBody) throws IOException {
    APIGatewayProxyResponseEvent response = pipeline.handle(post(requestBody), context);
    assertThat(response.getStatusCode()).isEqualTo(400);
    return body(response);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.properties().forEach(property -> names.add(property.getKey()));
    return names;
  }

  @Test
  void handle_jsonBody_answersResultAndPerformance() throws IOException {
    APIGatewayProxyResponseEvent response =
        pipeline.handle(post("{\"operation\":\"cpu_intensive\",\"iterations\":10}"), context);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getIsBase64Encoded()).isFalse();
    JsonNode body = body(response);
    assertThat(body.get("result")).isEqualTo(json.readTree("{\"iterations\":10,\"result\":285}"));
    assertThat(body.get("performance"))
        .isEqualTo(
            json.readTree(
                "{\"execution_time_ms\":7.0,\"remaining_time_ms\":29993,\"cold_start\":true,"
                    + "\"init_type\":\"on-demand\",\"init_duration_ms\":1234.0,\"memory_limit_mb\":1024,"
                    + "\"memory_utilization_percent\":25.0}"));
  }

  @Test
  void handle_secondInvocation_isWarmWithoutInitDuration() throws IOException {
    pipeline.handle(post("{}"), context);

    JsonNode performance = body(pipeline.handle(post("{}"), context)).get("performance");

    assertThat(performance.get("cold_start").asBoolean()).isFalse();
    assertThat(performance.has("init_duration_ms")).isFalse();
  }

  @Test
  void handle_bigResult_isSerialisedExactly() throws IOException {
    JsonNode result =
        body(pipeline.handle(
                post("{\"operation\":\"cpu_intensive\",\"iterations\":3000000}"), context))
            .get("result");

    assertThat(result.get("result").bigIntegerValue())
        .isEqualTo(new BigInteger("8999995500000500000"));
  }

  @Test
  void handle_realPostEvent_answers200() throws IOException {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("apigateway/post-json-body.json");

    JsonNode body = body(pipeline.handle(event, context));

    assertThat(body.at("/result/result").asLong()).isEqualTo(285);
  }

  @Test
  void handle_base64Body_isDecoded() throws IOException {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("apigateway/post-base64-body.json");
    assertThat(event.getIsBase64Encoded()).isTrue();

    JsonNode body = body(pipeline.handle(event, context));

    assertThat(body.at("/result/iterations").asInt()).isEqualTo(10);
  }

  @Test
  void handle_getWithQueryParameters_feedsTheParameters() throws IOException {
    APIGatewayProxyRequestEvent event =
        EventLoader.loadApiGatewayRestEvent("apigateway/get-query-parameters.json");
    assertThat(event.getBody()).isNull();

    APIGatewayProxyResponseEvent response = pipeline.handle(event, context);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(body(response).get("result"))
        .isEqualTo(json.readTree("{\"iterations\":10,\"result\":285}"));
  }

  @Test
  void handle_bodyAndQuery_bodyFieldsWin() throws IOException {
    APIGatewayProxyRequestEvent event =
        post("{\"operation\":\"echo\",\"b\":\"from-body\"}")
            .withQueryStringParameters(Map.of("a", "from-query", "b", "from-query"));

    JsonNode result = body(pipeline.handle(event, context)).get("result");

    assertThat(result).isEqualTo(json.readTree("{\"a\":\"from-query\",\"b\":\"from-body\"}"));
  }

  @Test
  void handle_absentBody_runsDefaultOperation() throws IOException {
    JsonNode body =
        body(pipeline.handle(new APIGatewayProxyRequestEvent().withHttpMethod("GET"), context));

    assertThat(body.get("result")).isEqualTo(json.readTree("{\"pong\":true}"));
  }

  @Test
  void handle_emptyBody_runsDefaultOperation() throws IOException {
    assertThat(body(pipeline.handle(post(""), context)).get("result"))
        .isEqualTo(json.readTree("{\"pong\":true}"));
  }

  @Test
  void handle_bodyEncodedTwice_isUnwrappedOnce() throws IOException {
    String twice =
        json.writeValueAsString("{\"operation\":\"memory_test\",\"dataSize\":\"large\"}");

    JsonNode result = body(pipeline.handle(post(twice), context)).get("result");

    assertThat(result).isEqualTo(json.readTree("{\"data_size\":\"large\"}"));
  }

  @Test
  void handle_malformedJson_is400NamingWhere() throws IOException {
    JsonNode body = clientError("{\"operation\": \"cpu_intensive\",");

    assertThat(body.get("error_type").asText()).isEqualTo("MalformedRequest");
    assertThat(body.get("error").asText()).startsWith("Malformed JSON body at line 1, column ");
    assertThat(body.get("field").asText()).isEqualTo("body");
    assertThat(body.has("execution_time_ms")).isTrue();
  }

  @Test
  void handle_trailingGarbageAfterJson_is400() throws IOException {
    assertThat(clientError("{} {}").get("error_type").asText()).isEqualTo("MalformedRequest");
  }

  @Test
  void handle_bodyNotAnObject_is400() throws IOException {
    JsonNode body = clientError("[1,2]");

    assertThat(body.get("error").asText())
        .isEqualTo("The body must be a JSON object, got an array; e.g. {\"operation\": \"...\"}");
  }

  @Test
  void handle_invalidBase64_is400() throws IOException {
    APIGatewayProxyResponseEvent response =
        pipeline.handle(post("not base64 at all!").withIsBase64Encoded(true), context);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("error").asText())
        .startsWith("The body is marked isBase64Encoded but is not valid base64");
  }

  @Test
  void handle_unknownOperation_is400NamingTheKnownOnes() throws IOException {
    JsonNode body = clientError("{\"operation\":\"fly\"}");

    assertThat(body.get("error_type").asText()).isEqualTo("UnknownOperation");
    assertThat(body.get("field").asText()).isEqualTo("operation");
    assertThat(body.get("error").asText())
        .isEqualTo(
            "Unknown operation \"fly\"; known operations: [cpu_intensive, memory_test, echo,"
                + " database_batch, explode, opaque, default]");
  }

  @Test
  void handle_wrongType_is400NamingFieldAndRange() throws IOException {
    JsonNode body = clientError("{\"operation\":\"cpu_intensive\",\"iterations\":\"ten\"}");

    assertThat(body.get("error_type").asText()).isEqualTo("InvalidParameter");
    assertThat(body.get("field").asText()).isEqualTo("iterations");
    assertThat(body.get("error").asText())
        .isEqualTo(
            "Invalid value for 'iterations': expected an integer from 0 to 100000000, got \"ten\"");
  }

  @Test
  void handle_outOfRange_is400NamingFieldAndRange() throws IOException {
    JsonNode body = clientError("{\"operation\":\"cpu_intensive\",\"iterations\":-5}");

    assertThat(body.get("error").asText())
        .isEqualTo(
            "Invalid value for 'iterations': expected an integer from 0 to 100000000, got -5");
  }

  @Test
  void handle_badEnumValue_is400ListingAllowedValues() throws IOException {
    JsonNode body = clientError("{\"operation\":\"memory_test\",\"dataSize\":\"huge\"}");

    assertThat(body.get("field").asText()).isEqualTo("dataSize");
    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'dataSize': expected one of [small, large], got \"huge\"");
  }

  @Test
  void handle_nullEvent_is400() throws IOException {
    APIGatewayProxyResponseEvent response = pipeline.handle(null, context);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).get("error").asText()).isEqualTo("The request event is missing");
  }

  @Test
  void handle_configurationError_is500WithMessageAndNoStackTrace() throws IOException {
    APIGatewayProxyResponseEvent response =
        pipeline.handle(post("{\"operation\":\"database_batch\"}"), context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    JsonNode body = body(response);
    assertThat(fieldNames(body)).containsExactly("error", "error_type", "execution_time_ms");
    assertThat(body.get("error").asText()).isEqualTo("PERFKIT_TABLE_NAME is not set");
    assertThat(body.get("error_type").asText()).isEqualTo("ConfigurationError");
  }

  @Test
  void handle_unexpectedException_is500WithGenericMessageAndRequestIdOnly() throws IOException {
    APIGatewayProxyResponseEvent response =
        pipeline.handle(post("{\"operation\":\"explode\"}"), context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    JsonNode body = body(response);
    assertThat(fieldNames(body))
        .containsExactly("error", "error_type", "request_id", "execution_time_ms");
    assertThat(body.get("error").asText()).isEqualTo("Internal server error");
    assertThat(body.get("error_type").asText()).isEqualTo("InternalError");
    assertThat(body.get("request_id").asText()).isEqualTo("req-1");
    assertThat(response.getBody())
        .doesNotContain("boom")
        .doesNotContain("IllegalStateException")
        .doesNotContain("Secret")
        .doesNotContain("\\tat ");
  }

  @Test
  void handle_resultJacksonCannotWrite_is500MeasuredOnce() throws IOException {
    APIGatewayProxyResponseEvent response =
        pipeline.handle(post("{\"operation\":\"opaque\"}"), context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(body(response).get("error_type").asText()).isEqualTo("InternalError");
    JsonNode document = documents.single();
    assertThat(document.get("ExecutionTime").isNumber()).isTrue();
    assertThat(document.get("Errors").asDouble()).isEqualTo(1.0);
  }

  @Test
  void handle_resultJacksonCannotWrite_recordsOneErrorAndNoSuccess() {
    pipeline.handle(post("{\"operation\":\"opaque\"}"), context);

    JsonNode document = documents.single();
    assertThat(CapturedEmf.metricNames(document))
        .containsOnlyOnce("Errors", "ExecutionTime")
        .doesNotContain("SuccessfulInvocations");
    assertThat(document.get("Errors").asDouble()).isEqualTo(1.0);
    assertThat(document.get("ErrorType").asText()).isEqualTo("InvalidDefinitionException");
    assertThat(document.has("SuccessfulInvocations")).isFalse();
  }

  @Test
  void handle_invocation_writesOneDocumentWithDimensionsPropertiesAndMetrics() throws IOException {
    pipeline.handle(post("{\"operation\":\"cpu_intensive\",\"iterations\":10}"), context);

    JsonNode document = documents.single();
    JsonNode directive = document.at("/_aws/CloudWatchMetrics/0");
    assertThat(directive.get("Namespace").asText()).isEqualTo("PerfkitTest");
    assertThat(directive.get("Dimensions"))
        .isEqualTo(json.readTree("[[\"FunctionName\"],[\"FunctionName\",\"Operation\"]]"));
    assertThat(CapturedEmf.metricNames(document))
        .containsExactlyInAnyOrder(
            "ColdStarts",
            "CPUIntensiveTime",
            "SuccessfulInvocations",
            "ExecutionTime",
            "RemainingTime",
            "MemoryUtilization");
    assertThat(document.get("FunctionName").asText()).isEqualTo("perf-fn");
    assertThat(document.get("Operation").asText()).isEqualTo("cpu_intensive");
    assertThat(document.get("RequestId").asText()).isEqualTo("req-1");
    assertThat(document.get("ColdStart").asBoolean()).isTrue();
    assertThat(document.get("InitType").asText()).isEqualTo("on-demand");
    assertThat(document.get("MemorySize").asInt()).isEqualTo(1024);
    assertThat(document.get("ColdStarts").asDouble()).isEqualTo(1.0);
    assertThat(document.get("SuccessfulInvocations").asDouble()).isEqualTo(1.0);
    assertThat(document.get("ExecutionTime").asDouble()).isEqualTo(7.0);
    assertThat(document.get("CPUIntensiveTime").asDouble()).isEqualTo(7.0);
    assertThat(document.get("RemainingTime").asDouble()).isEqualTo(29993.0);
    assertThat(document.get("MemoryUtilization").asDouble()).isEqualTo(25.0);
  }

  @Test
  void handle_warmInvocation_recordsNoColdStart() {
    pipeline.handle(post("{}"), context);
    pipeline.handle(post("{}"), context);

    JsonNode warm = documents.all().get(1);
    assertThat(CapturedEmf.metricNames(warm)).doesNotContain("ColdStarts");
    assertThat(warm.get("ColdStart").asBoolean()).isFalse();
  }

  @Test
  void handle_eachInvocation_writesExactlyOneDocument() {
    pipeline.handle(post("{}"), context);
    pipeline.handle(post("{\"operation\":\"fly\"}"), context);
    pipeline.handle(post("{oops"), context);
    pipeline.handle(post("{\"operation\":\"explode\"}"), context);

    assertThat(documents.all()).hasSize(4);
  }

  @Test
  void handle_malformedBody_recordsErrorUnderUnresolvedOperation() {
    pipeline.handle(post("{oops"), context);

    JsonNode document = documents.single();
    assertThat(document.get("Operation").asText()).isEqualTo("unresolved");
    assertThat(document.get("Errors").asDouble()).isEqualTo(1.0);
    assertThat(document.get("ErrorType").asText()).isEqualTo("MalformedRequest");
    assertThat(CapturedEmf.metricNames(document)).doesNotContain("SuccessfulInvocations");
  }

  @Test
  void handle_handlerException_recordsErrorWithItsTypeAndOperationTime() {
    pipeline.handle(post("{\"operation\":\"explode\"}"), context);

    JsonNode document = documents.single();
    assertThat(CapturedEmf.metricNames(document))
        .contains("OperationTime", "Errors")
        .doesNotContain("SuccessfulInvocations");
    assertThat(document.get("Operation").asText()).isEqualTo("explode");
    assertThat(document.get("Errors").asDouble()).isEqualTo(1.0);
    assertThat(document.get("ErrorType").asText()).isEqualTo("IllegalStateException");
  }

  @Test
  void handle_unknownOperation_recordsErrorWithoutOperationTime() {
    pipeline.handle(post("{\"operation\":\"fly\"}"), context);

    JsonNode document = documents.single();
    assertThat(CapturedEmf.metricNames(document))
        .contains("Errors")
        .doesNotContain("OperationTime", "SuccessfulInvocations");
    assertThat(document.get("Operation").asText()).isEqualTo("unresolved");
    assertThat(document.get("ErrorType").asText()).isEqualTo("UnknownOperation");
  }

  @Test
  void handle_invalidParameter_recordsOneErrorUnderTheOperation() {
    pipeline.handle(post("{\"operation\":\"memory_test\",\"dataSize\":\"huge\"}"), context);

    JsonNode document = documents.single();
    assertThat(document.get("Operation").asText()).isEqualTo("memory_test");
    assertThat(document.get("Errors").asDouble()).isEqualTo(1.0);
    assertThat(document.get("ErrorType").asText()).isEqualTo("InvalidParameter");
  }

  @Test
  void handle_withoutContext_takesNameAndMemoryFromEnvironment() throws IOException {
    Environment environment =
        Environment.of(
            Map.of("AWS_LAMBDA_FUNCTION_NAME", "env-fn", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"));

    JsonNode performance = body(pipeline(environment).handle(post("{}"), null)).get("performance");

    assertThat(performance.get("memory_limit_mb").asInt()).isEqualTo(512);
    assertThat(performance.get("memory_utilization_percent").asDouble()).isEqualTo(50.0);
    assertThat(performance.get("remaining_time_ms").asLong())
        .isEqualTo(Duration.ofMinutes(15).toMillis());
    JsonNode document = documents.single();
    assertThat(document.get("FunctionName").asText()).isEqualTo("env-fn");
    assertThat(document.has("RequestId")).isFalse();
  }

  @Test
  void handle_withoutContextOrEnvironment_usesLocalNameAndOmitsMemory() throws IOException {
    JsonNode performance =
        body(pipeline(Environment.of(Map.of())).handle(post("{}"), null)).get("performance");

    assertThat(performance.has("memory_limit_mb")).isFalse();
    assertThat(performance.has("memory_utilization_percent")).isFalse();
    JsonNode document = documents.single();
    assertThat(document.get("FunctionName").asText()).isEqualTo("perfkit-local");
    assertThat(CapturedEmf.metricNames(document)).doesNotContain("MemoryUtilization");
  }

  @Test
  void handleStream_bodyAsObject_answers200() throws IOException {
    JsonNode response = stream(resource("apigateway/post-object-body.json"));

    assertThat(response.get("statusCode").asInt()).isEqualTo(200);
    assertThat(response.get("headers"))
        .isEqualTo(json.readTree("{\"Content-Type\":\"application/json\"}"));
    assertThat(response.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(json.readTree(response.get("body").asText()).at("/result/result").asLong())
        .isEqualTo(285);
  }

  @Test
  void handleStream_bodyAsStringAndQuery_answers200() throws IOException {
    JsonNode response =
        stream(
            "{\"body\":\"{\\\"operation\\\":\\\"echo\\\",\\\"a\\\":\\\"1\\\"}\","
                + "\"queryStringParameters\":{\"b\":\"2\"}}");

    assertThat(json.readTree(response.get("body").asText()).get("result"))
        .isEqualTo(json.readTree("{\"a\":\"1\",\"b\":\"2\"}"));
  }

  @Test
  void handleStream_base64Body_isDecoded() throws IOException {
    String encoded =
        Base64.getEncoder()
            .encodeToString(
                "{\"operation\":\"cpu_intensive\",\"iterations\":3}"
                    .getBytes(StandardCharsets.UTF_8));

    JsonNode response = stream("{\"body\":\"" + encoded + "\",\"isBase64Encoded\":true}");

    assertThat(json.readTree(response.get("body").asText()).at("/result/result").asLong())
        .isEqualTo(5);
  }

  @Test
  void handleStream_eventNotJson_is400() throws IOException {
    JsonNode response = stream("{\"body\": ");

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    assertThat(json.readTree(response.get("body").asText()).get("error").asText())
        .startsWith("The request event is not JSON");
    assertThat(documents.all()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      [{"body": "{}"}]                                    | event
      `"a string"`                                        | event
      {"body": "{}", "isBase64Encoded": "yes"}            | isBase64Encoded
      {"body": "{}", "isBase64Encoded": 1}                | isBase64Encoded
      {"queryStringParameters": "operation=echo"}         | queryStringParameters
      {"queryStringParameters": ["operation"]}            | queryStringParameters
      {"queryStringParameters": {"operation": {"a": 1}}}  | queryStringParameters.operation
      """)
  void handleStream_eventFieldOfTheWrongType_is400NamingIt(String event, String field)
      throws IOException {
    JsonNode response = stream(event);

    assertThat(response.get("statusCode").asInt()).isEqualTo(400);
    JsonNode body = json.readTree(response.get("body").asText());
    assertThat(body.get("error_type").asText()).isEqualTo("MalformedRequest");
    assertThat(body.get("field").asText()).isEqualTo(field);
  }

  @Test
  void handle_emptyStringForAnInteger_is400NotTheDefault() throws IOException {
    JsonNode body = clientError("{\"operation\":\"cpu_intensive\",\"iterations\":\"\"}");

    assertThat(body.get("field").asText()).isEqualTo("iterations");
    assertThat(body.get("error").asText())
        .startsWith("Invalid value for 'iterations': expected an integer from 0 to 100000000");
  }

  @Test
  void build_emitterWithoutOperationDimension_fails() {
    MetricsEmitter byFunctionOnly =
        MetricsEmitter.builder()
            .namespace("X")
            .dimensionSet("FunctionName")
            .sink(documents)
            .build();

    assertThatThrownBy(() -> ApiGatewayPipeline.builder(router).metrics(byFunctionOnly).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Operation'");
  }

  @Test
  void ticker_setTwice_failsNamingTheOption() {
    ApiGatewayPipeline.Builder builder = ApiGatewayPipeline.builder(router).ticker(ticker::get);

    assertThatThrownBy(() -> builder.ticker(ticker::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ticker was already set");
  }

  @Test
  void build_badMemorySizeVariable_failsNamingIt() {
    Environment environment = Environment.of(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots"));

    assertThatThrownBy(() -> pipeline(environment))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be a positive whole number of MB, got 'lots'");
  }

  private JsonNode stream(String event) throws IOException {
    return stream(event.getBytes(StandardCharsets.UTF_8));
  }

  private JsonNode stream(byte[] event) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    pipeline.handle(new ByteArrayInputStream(event), output, context);
    return json.readTree(output.toByteArray());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ApiGatewayPipelineTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
