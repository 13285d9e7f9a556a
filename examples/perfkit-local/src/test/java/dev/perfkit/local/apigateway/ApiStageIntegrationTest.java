package dev.perfkit.local.apigateway;

import static dev.perfkit.local.apigateway.StageTestSupport.function;
import static dev.perfkit.local.apigateway.StageTestSupport.get;
import static dev.perfkit.local.apigateway.StageTestSupport.json;
import static dev.perfkit.local.apigateway.StageTestSupport.post;
import static dev.perfkit.local.apigateway.StageTestSupport.rawExchange;
import static dev.perfkit.local.apigateway.StageTestSupport.send;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.testing.SharedTestSupport;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Lambda proxy integration: the event a real function receives, and what its answer becomes.
 */
class ApiStageIntegrationTest {

  private static final Instant NOW = Instant.parse("2026-03-04T19:15:17.135Z");
  private static LocalLambda lambda;
  private ApiStage stage;

  @BeforeAll
  static void deploy() throws Exception {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    lambda.deploy(function("echo", EchoProxyHandler.class).alias("prod", 0).build());
    lambda.deploy(function("malformed", MalformedProxyHandler.class).build());
    lambda.deploy(function("throttled", EchoProxyHandler.class).reservedConcurrency(0).build());
    lambda.deploy(
        FunctionConfig.builder(
                "performance",
                PerformanceFunction.class.getName() + "::handleRequest",
                SharedTestSupport.testClasspath())
            .memoryMb(512)
            .timeout(Duration.ofSeconds(30))
            .build());
  }

  @AfterAll
  static void stopLambda() {
    lambda.close();
  }

  @AfterEach
  void stopStage() {
    if (stage != null) {
      stage.close();
    }
  }

  private URI start(String functionName, StageConfig config) throws Exception {
    stage =
        ApiStage.builder(lambda, functionName)
            .config(config)
            .clock(new StageTestSupport.ManualClock(NOW))
            .build();
    return stage.invokeUrl();
  }

  @Test
  void get_functionReceivesAnApiGatewayProxyEvent() throws Exception {
    URI url = start("echo", StageConfig.builder().stageName("dev").build());

    HttpResponse<String> response =
        get(
            URI.create(url + "/performance?operation=cpu_intensive&n=1&n=2"),
            "User-Agent",
            "perfkit-test",
            "X-Custom",
            "one",
            "X-Custom",
            "two");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode event = json(response.body()).get("event");
    assertThat(event.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(event.get("resource").asText()).isEqualTo("/performance");
    assertThat(event.get("path").asText()).isEqualTo("/performance");
    assertThat(event.get("queryStringParameters").get("operation").asText())
        .isEqualTo("cpu_intensive");
    assertThat(event.get("queryStringParameters").get("n").asText()).isEqualTo("2");
    assertThat(event.get("multiValueQueryStringParameters").get("n"))
        .extracting(JsonNode::asText)
        .containsExactly("1", "2");
    assertThat(event.get("headers").get("User-Agent").asText()).isEqualTo("perfkit-test");
    assertThat(event.get("headers").get("X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
    assertThat(event.get("multiValueHeaders").get("X-Custom"))
        .extracting(JsonNode::asText)
        .containsExactly("one", "two");
    assertThat(event.get("body").isNull()).isTrue();
    assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();

    JsonNode context = event.get("requestContext");
    assertThat(context.get("stage").asText()).isEqualTo("dev");
    assertThat(context.get("path").asText()).isEqualTo("/dev/performance");
    assertThat(context.get("resourcePath").asText()).isEqualTo("/performance");
    assertThat(context.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(context.get("requestId").asText())
        .isEqualTo(response.headers().firstValue("x-amzn-RequestId").orElseThrow());
    assertThat(context.get("requestTimeEpoch").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(context.get("requestTime").asText()).isEqualTo("04/Mar/2026:19:15:17 +0000");
    assertThat(context.get("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(context.get("accountId").asText()).isEqualTo("000000000000");
    assertThat(context.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(context.get("identity").get("userAgent").asText()).isEqualTo("perfkit-test");
    assertThat(context.get("identity").get("apiKey").isNull()).isTrue();
  }

  /** API Gateway passes header names to the function as the client spelled them. */
  @Test
  void get_headerNames_reachTheFunctionAsTheClientSpelledThem() throws Exception {
    URI url = start("echo", StageConfig.builder().build());

    String body =
        rawExchange(
            url,
            "GET "
                + url.getPath()
                + "/performance HTTP/1.1\r\nhost: 127.0.0.1\r\n"
                + "x-api-key: k3y\r\nX-CUSTOM: one\r\nx-custom: two\r\nConnection: close\r\n\r\n");

    JsonNode event = json(body).get("event");
    assertThat(event.get("headers").get("x-api-key").asText()).isEqualTo("k3y");
    assertThat(event.get("headers").has("X-Api-Key")).isFalse();
    assertThat(event.get("headers").get("host").asText()).isEqualTo("127.0.0.1");
    assertThat(event.get("multiValueHeaders").get("x-api-key"))
        .extracting(JsonNode::asText)
        .containsExactly("k3y");
    assertThat(event.get("multiValueHeaders").get("X-CUSTOM"))
        .extracting(JsonNode::asText)
        .containsExactly("one", "two");
  }

  /**
   * API Gateway adds an X-Ray trace header to a request that has none (xray-services-apigateway):
   * the function sees it, and the response carries it.
   */
  @Test
  void get_withoutTraceHeader_functionAndClientSeeTheTraceIdTheStageAdded() throws Exception {
    URI url = start("echo", StageConfig.builder().build());

    HttpResponse<String> response = get(URI.create(url + "/performance"));

    String traceId = response.headers().firstValue("X-Amzn-Trace-Id").orElseThrow();
    assertThat(traceId)
        .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}")
        .startsWith("Root=1-" + Long.toHexString(NOW.getEpochSecond()) + "-");
    JsonNode headers = json(response.body()).get("event").get("headers");
    assertThat(headers.get("X-Amzn-Trace-Id").asText()).isEqualTo(traceId);
  }

  @Test
  void get_withTraceHeader_passesTheCallersTraceOn() throws Exception {
    URI url = start("echo", StageConfig.builder().build());
    String callers = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    HttpResponse<String> response =
        get(URI.create(url + "/performance"), "X-Amzn-Trace-Id", callers);

    assertThat(response.headers().firstValue("X-Amzn-Trace-Id")).hasValue(callers);
    assertThat(json(response.body()).get("event").get("headers").get("X-Amzn-Trace-Id").asText())
        .isEqualTo(callers);
  }

  /**
   * API Gateway's integration timeout (50 ms to 29 s) ends a request whose function runs longer:
   * 504 {"message": "Endpoint request timed out"}, not cached.
   */
  @Test
  void get_functionOverTheIntegrationTimeout_is504EndpointRequestTimedOut() throws Exception {
    URI url =
        start(
            "echo",
            StageConfig.builder()
                .cacheEnabled(true)
                .method(
                    HttpMethod.GET,
                    MethodSettings.builder().integrationTimeout(Duration.ofMillis(200)).build())
                .build());
    URI slow = URI.create(url + "/performance?sleep=3000");

    HttpResponse<String> first = get(slow);
    HttpResponse<String> second = get(slow);

    assertThat(first.statusCode()).isEqualTo(504);
    assertThat(first.body()).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
    assertThat(second.statusCode()).isEqualTo(504);
    assertThat(second.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(stage.metrics().integrationCount()).isEqualTo(2);
  }

  /**
   * A valid body under API Gateway's 10 MB limit whose event grows past Lambda's 6 MB payload limit
   * once escaped into JSON (3 MiB of control characters, each written as six): Lambda refuses the
   * invocation and API Gateway answers 413 {"message":"Request Too Long"}.
   */
  @Test
  void post_bodyWhoseEventExceedsLambdasPayloadLimit_is413RequestTooLong() throws Exception {
    URI url = start("echo", StageConfig.builder().build());

    HttpResponse<String> response =
        post(URI.create(url + "/performance"), "\u0001".repeat(3 * 1024 * 1024));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("{\"message\":\"Request Too Long\"}");
  }

  @Test
  void post_functionReceivesTheBodyAsText() throws Exception {
    URI url = start("echo", StageConfig.builder().build());

    HttpResponse<String> response =
        post(
            URI.create(url + "/performance"),
            "{\"operation\": \"default\"}",
            "Content-Type",
            "application/json");

    JsonNode event = json(response.body()).get("event");
    assertThat(event.get("httpMethod").asText()).isEqualTo("POST");
    assertThat(event.get("body").asText()).isEqualTo("{\"operation\": \"default\"}");
    assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(event.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
    assertThat(event.get("queryStringParameters").isNull()).isTrue();
  }

  @Test
  void post_binaryBody_isSentBase64Encoded() throws Exception {
    URI url = start("echo", StageConfig.builder().build());
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};

    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(url + "/performance"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)));

    JsonNode event = json(response.body()).get("event");
    assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(event.get("body").asText()).isEqualTo("//4AAQ==");
  }

  @Test
  void get_mapsTheProxyResponseToHttp() throws Exception {
    URI url = start("echo", StageConfig.builder().build());

    HttpResponse<String> response = get(URI.create(url + "/performance?status=201"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.headers().firstValue("X-Single")).hasValue("one");
    assertThat(response.headers().allValues("X-Multi")).containsExactly("a", "b");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(json(response.body()).get("invocation").asInt()).isPositive();
  }

  @Test
  void get_qualifiedIntegration_invokesTheAlias() throws Exception {
    stage = ApiStage.builder(lambda, "echo").qualifier("prod").build();

    HttpResponse<String> response = get(URI.create(stage.invokeUrl() + "/performance"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(stage.metrics().integrationCount()).isEqualTo(1);
  }

  @Test
  void performanceFunction_behindTheLabStage_answersAndCachesByOperation() throws Exception {
    String key = "lab-key-0123456789abcdef";
    URI url = start("performance", StageConfig.lab(key));

    HttpResponse<String> first =
        get(
            URI.create(url + "/performance?operation=cpu_intensive&iterations=1000"),
            "x-api-key",
            key);
    HttpResponse<String> second =
        get(
            URI.create(url + "/performance?operation=cpu_intensive&iterations=5"),
            "x-api-key",
            key);
    HttpResponse<String> invalid =
        post(
            URI.create(url + "/performance"),
            "{\"operation\":\"cpu_intensive\",\"iterations\":-1}",
            "x-api-key",
            key);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(json(first.body()).get("result")).isNotNull();
    assertThat(json(first.body()).get("performance")).isNotNull();
    assertThat(second.headers().firstValue("X-Cache"))
        .as("the lab's GET is cached by operation only")
        .hasValue("Hit");
    assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
    assertThat(invalid.body()).contains("iterations");
  }

  @Test
  void get_functionError_is502InternalServerError() throws Exception {
    URI url = start("echo", StageConfig.builder().build());

    HttpResponse<String> response = get(URI.create(url + "/performance?mode=fail"));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(stage.metrics().serverErrorCount()).isEqualTo(1);
  }

  @Test
  void get_malformedProxyResponse_is502InternalServerError() throws Exception {
    URI url = start("malformed", StageConfig.builder().build());

    HttpResponse<String> response = get(URI.create(url + "/performance"));

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(response.body()).isEqualTo("{\"message\": \"Internal server error\"}");
  }

  @Test
  void get_throttledByLambda_is500InternalServerError() throws Exception {
    URI url = start("throttled", StageConfig.builder().build());

    HttpResponse<String> response = get(URI.create(url + "/performance"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).isEqualTo("{\"message\": \"Internal server error\"}");
  }

  @Test
  void unknownResourceOrMethod_is403MissingAuthenticationToken() throws Exception {
    URI url = start("echo", StageConfig.builder().build());

    List<HttpResponse<String>> responses =
        List.of(
            get(URI.create(url + "/other")),
            send(HttpRequest.newBuilder(URI.create(url + "/performance")).DELETE()));

    assertThat(responses)
        .allSatisfy(
            response -> {
              assertThat(response.statusCode()).isEqualTo(403);
              assertThat(response.body())
                  .isEqualTo("{\"message\":\"Missing Authentication Token\"}");
            });
    assertThat(stage.metrics().integrationCount()).isZero();
  }

  @Test
  void post_overTenMegabytes_is413WithoutInvoking() throws Exception {
    URI url = start("echo", StageConfig.builder().build());

    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(URI.create(url + "/performance"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024 + 1])));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body())
        .isEqualTo("{\"message\":\"HTTP content length exceeded 10485760 bytes.\"}");
    assertThat(stage.metrics().integrationCount()).isZero();
  }

  @Test
  void close_stopsTheServerAndItsThreads() throws Exception {
    start("echo", StageConfig.builder().stageName("closing").build());
    URI url = stage.invokeUrl();
    assertThat(get(URI.create(url + "/other")).statusCode()).isEqualTo(403);

    stage.close();

    assertThatThrownBy(() -> get(URI.create(url + "/other")))
        .hasCauseInstanceOf(ConnectException.class);
    assertThat(
            eventually(
                Duration.ofSeconds(10),
                () ->
                    Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(
                            thread ->
                                thread.isAlive()
                                    && thread.getName().startsWith("perfkit-api-closing"))))
        .as("no request thread of the stage is left")
        .isTrue();
  }

  @Test
  void unknownStage_is403Forbidden() throws Exception {
    start("echo", StageConfig.builder().stageName("prod").build());

    HttpResponse<String> response = get(URI.create(stage.endpoint() + "/beta/performance"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
  }
}
