package dev.perfkit.handlers;

import static dev.perfkit.handlers.LoadTesterFixture.envelope;
import static dev.perfkit.handlers.LoadTesterFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.LoadTesterFixture.Answer;
import dev.perfkit.handlers.testing.InvokeApiServer;
import dev.perfkit.handlers.testing.InvokeApiServer.Invocation;
import dev.perfkit.handlers.testing.InvokeApiServer.InvokeResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The load tester against a local Invoke API, through the real SDK {@code LambdaClient}. */
class LoadTesterLambdaTest {

  private static final Map<String, String> OK_BODY = Map.of("result", "ok");

  private LoadTesterFixture fixture;
  private final AtomicInteger calls = new AtomicInteger();

  @BeforeEach
  void start() {
    fixture = new LoadTesterFixture();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static String body(int concurrency, int total, Object target) {
    return json(
        Map.of(
            "concurrentRequests",
            concurrency,
            "totalRequests",
            total,
            "targetFunction",
            target,
            "testPayload",
            Map.of("operation", "default")));
  }

  @Test
  void handleRequest_labInvocationThroughInvokeApi_answersLabEnvelopeWithPercentiles() {
    fixture.server.register("perf", invocation -> envelope(200, OK_BODY));
    LambdaClient lambda = fixture.config.registry().client(LambdaClient.class);
    String labPayload =
        "{\"body\": \"{\\\"concurrentRequests\\\": 20, \\\"totalRequests\\\": 100,"
            + " \\\"targetFunction\\\": \\\"perf:prod\\\","
            + " \\\"testPayload\\\": {\\\"operation\\\": \\\"default\\\"}}\"}";

    InvokeResponse response =
        lambda.invoke(
            r ->
                r.functionName(LoadTesterFixture.SELF)
                    .payload(SdkBytes.fromUtf8String(labPayload)));

    JsonNode envelope = LoadTesterFixture.answer(200, response.payload().asUtf8String()).body();
    assertThat(envelope.get("statusCode").asInt()).isEqualTo(200);
    JsonNode results = LoadTesterFixture.answer(200, envelope.get("body").asText()).results();
    assertThat(results.get("total_requests").asLong()).isEqualTo(100);
    assertThat(results.get("successful_requests").asLong()).isEqualTo(100);
    assertThat(results.get("failed_requests").asLong()).isZero();
    assertThat(results.get("success_rate").asDouble()).isEqualTo(100.0);
    assertThat(results.get("truncated").asBoolean()).isFalse();
    assertThat(results.get("performance_metrics").fieldNames())
        .toIterable()
        .contains(
            "avg_execution_time_ms",
            "min_execution_time_ms",
            "max_execution_time_ms",
            "p50_execution_time_ms",
            "p95_execution_time_ms",
            "p99_execution_time_ms",
            "p999_execution_time_ms");
    assertThat(fixture.server.invocations("perf"))
        .hasSize(100)
        .allSatisfy(
            invocation -> {
              assertThat(invocation.qualifier()).isEqualTo("prod");
              assertThat(invocation.invocationType()).isEqualTo("RequestResponse");
              assertThat(invocation.payload())
                  .isEqualTo("{\"body\":\"{\\\"operation\\\":\\\"default\\\"}\"}");
            });
  }

  @Test
  void handleRequest_targetFailsOneInTen_countsFunctionErrorsAsFailures() {
    fixture.server.register(
        "perf",
        invocation ->
            calls.incrementAndGet() % 10 == 0
                ? InvokeResult.functionError("RuntimeException", "boom")
                : envelope(200, OK_BODY));

    Answer answer = fixture.handle(body(8, 100, "perf"));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode results = answer.results();
    assertThat(results.get("total_requests").asLong()).isEqualTo(100);
    assertThat(results.get("successful_requests").asLong()).isEqualTo(90);
    assertThat(results.get("failed_requests").asLong()).isEqualTo(10);
    assertThat(results.get("throttled_requests").asLong()).isZero();
    assertThat(results.get("success_rate").asDouble()).isEqualTo(90.0);
    assertThat(results.get("errors"))
        .hasSize(5)
        .allSatisfy(
            error ->
                assertThat(error.get("error").asText())
                    .isEqualTo("function error (Unhandled): RuntimeException: boom"));
  }

  @Test
  void handleRequest_targetAnswers500Envelope_countsFailures() {
    fixture.server.register(
        "perf",
        invocation ->
            calls.incrementAndGet() % 4 == 0
                ? envelope(500, Map.of("error", "database down", "error_type", "InternalError"))
                : envelope(200, OK_BODY));

    JsonNode results = fixture.handle(body(4, 100, "perf")).results();

    assertThat(results.get("failed_requests").asLong()).isEqualTo(25);
    assertThat(results.get("successful_requests").asLong()).isEqualTo(75);
    assertThat(results.get("errors").get(0).get("error").asText())
        .isEqualTo("target answered statusCode 500: InternalError: database down");
  }

  @Test
  void handleRequest_targetThrottles_countsThrottlesApartAndSendsNoRetries() {
    fixture.server.register(
        "perf",
        invocation ->
            calls.incrementAndGet() % 5 == 0 ? InvokeResult.throttled() : envelope(200, OK_BODY));

    JsonNode results = fixture.handle(body(4, 100, "perf")).results();

    assertThat(results.get("throttled_requests").asLong()).isEqualTo(20);
    assertThat(results.get("successful_requests").asLong()).isEqualTo(80);
    assertThat(results.get("failed_requests").asLong()).isZero();
    assertThat(results.get("errors")).isEmpty();
    assertThat(fixture.server.invocations("perf")).hasSize(100);
  }

  @Test
  void handleRequest_unknownFunction_countsSdkExceptionsAsFailures() {
    JsonNode results = fixture.handle(body(2, 10, "missing")).results();

    assertThat(results.get("failed_requests").asLong()).isEqualTo(10);
    assertThat(results.get("errors").get(0).get("error").asText())
        .startsWith("ResourceNotFoundException: Function not found");
  }

  @Test
  void handleRequest_noTargetFunctionGiven_invokesPerfkitTargetFunction() {
    fixture.close();
    fixture = new LoadTesterFixture(Map.of("PERFKIT_TARGET_FUNCTION", "perf"));
    fixture.server.register("perf", invocation -> envelope(200, OK_BODY));

    JsonNode results =
        fixture.handle("{\"concurrentRequests\": 2, \"totalRequests\": 6}").results();

    assertThat(results.get("successful_requests").asLong()).isEqualTo(6);
    assertThat(fixture.server.invocations("perf")).hasSize(6);
  }

  @Test
  void handleRequest_threeWorkers_mergesToTheSameTotals() throws Exception {
    fixture.server.register(
        "perf",
        invocation ->
            calls.incrementAndGet() % 10 == 0
                ? InvokeResult.functionError("RuntimeException", "boom")
                : envelope(200, OK_BODY));
    String body =
        json(
            Map.of(
                "concurrentRequests",
                9,
                "totalRequests",
                100,
                "targetFunction",
                "perf",
                "workers",
                3));

    JsonNode results = fixture.handle(body).results();

    assertThat(results.get("total_requests").asLong()).isEqualTo(100);
    assertThat(results.get("successful_requests").asLong()).isEqualTo(90);
    assertThat(results.get("failed_requests").asLong()).isEqualTo(10);
    assertThat(results.get("errors")).hasSize(5);
    LoadReport merged = LoadTesterFixture.MAPPER.treeToValue(results, LoadReport.class);
    assertThat(merged.latencies().getTotalCount()).isEqualTo(90);
    assertThat(fixture.server.invocations("perf")).hasSize(100);
    assertThat(fixture.server.invocations(LoadTesterFixture.SELF))
        .extracting(LoadTesterLambdaTest::workerBody)
        .extracting(
            w -> w.get("totalRequests").asLong(),
            w -> w.get("concurrentRequests").asInt(),
            w -> w.has("workers"))
        .containsExactlyInAnyOrder(
            tuple(34L, 3, false), tuple(33L, 3, false), tuple(33L, 3, false));
  }

  @Test
  void handleRequest_workerFails_countsItsShareAsFailedAndNamesIt() {
    fixture.server.register("perf", invocation -> envelope(200, OK_BODY));
    InvokeApiServer.LambdaFunction realWorker =
        InvokeApiServer.apiGateway(
            fixture.tester,
            invocation ->
                LambdaTestContext.of(LoadTesterFixture.SELF, LoadTesterFixture.WORKER_TIME));
    fixture.server.register(
        LoadTesterFixture.SELF,
        invocation ->
            workerBody(invocation).get("workerIndex").asInt() == 2
                ? InvokeResult.functionError("OutOfMemoryError", "Java heap space")
                : realWorker.invoke(invocation));
    String body =
        json(
            Map.of(
                "concurrentRequests",
                6,
                "totalRequests",
                100,
                "targetFunction",
                "perf",
                "workers",
                3));

    JsonNode results = fixture.handle(body).results();

    assertThat(results.get("total_requests").asLong()).isEqualTo(100);
    assertThat(results.get("successful_requests").asLong()).isEqualTo(67);
    assertThat(results.get("failed_requests").asLong()).isEqualTo(33);
    assertThat(results.get("errors"))
        .extracting(e -> e.get("error").asText())
        .containsExactly(
            "worker 2 of 3 (requests 34 to 66) failed: function error (Unhandled): "
                + "OutOfMemoryError: Java heap space");
    assertThat(results.get("errors").get(0).get("request_id").asLong()).isEqualTo(34);
  }

  @Test
  void handleRequest_openLoopTargetStalls_showsStallInP99() throws Exception {
    Duration stall = Duration.ofMillis(500);
    CountDownLatch neverReleased = new CountDownLatch(1);
    fixture.server.register(
        "perf",
        invocation -> {
          if (calls.incrementAndGet() == 11) {
            neverReleased.await(stall.toMillis(), TimeUnit.MILLISECONDS);
          }
          return envelope(200, OK_BODY);
        });
    String body =
        json(
            Map.of(
                "concurrentRequests",
                1,
                "totalRequests",
                100,
                "targetFunction",
                "perf",
                "targetRps",
                100));

    JsonNode results = fixture.handle(body).results();

    // Request 10 (due at 100 ms) ends after 600 ms; requests 11 to 35 were due by 350 ms and
    // could not start before it ended: at least 26 latencies of 250 ms or more, 2 of 490 ms.
    assertThat(results.get("successful_requests").asLong()).isEqualTo(100);
    JsonNode metrics = results.get("performance_metrics");
    assertThat(metrics.get("p99_execution_time_ms").asDouble()).isGreaterThanOrEqualTo(480);
    assertThat(metrics.get("p90_execution_time_ms").asDouble()).isGreaterThanOrEqualTo(240);
  }

  @Test
  @Timeout(60)
  void handleRequest_littleTimeLeft_stopsEarlyAndMarksTruncated() {
    fixture.server.register("perf", invocation -> envelope(200, OK_BODY));

    Answer answer =
        fixture.handle(
            body(4, 1_000_000, "perf"),
            LambdaTestContext.of(LoadTesterFixture.SELF, Duration.ofMillis(2500)));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode results = answer.results();
    assertThat(results.get("truncated").asBoolean()).isTrue();
    assertThat(results.get("total_requests").asLong()).isLessThan(1_000_000);
    assertThat(fixture.server.invocations("perf")).hasSizeLessThan(1_000_000);
  }

  @Test
  void handleRequest_noTimeLeft_sendsNothingAndMarksTruncated() {
    fixture.server.register("perf", invocation -> envelope(200, OK_BODY));

    Answer answer =
        fixture.handle(
            body(4, 100, "perf"),
            LambdaTestContext.of(LoadTesterFixture.SELF, Duration.ofMillis(1500)));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.results().get("truncated").asBoolean()).isTrue();
    assertThat(answer.results().get("total_requests").asLong()).isZero();
    assertThat(fixture.server.invocations("perf")).isEmpty();
  }

  @Test
  void handleRequest_allowListedFunctionByArn_isInvoked() {
    fixture.close();
    fixture = new LoadTesterFixture(Map.of("PERFKIT_ALLOWED_TARGET_FUNCTIONS", "other, perf"));
    fixture.server.register("perf", invocation -> envelope(200, OK_BODY));

    JsonNode results =
        fixture.handle(body(1, 3, LambdaTestContext.ARN_PREFIX + "perf:prod")).results();

    assertThat(results.get("successful_requests").asLong()).isEqualTo(3);
  }

  @Test
  void handleRequest_functionNotAllowListed_is403AndInvokesNothing() {
    fixture.close();
    fixture = new LoadTesterFixture(Map.of("PERFKIT_ALLOWED_TARGET_FUNCTIONS", "perf"));
    fixture.server.register("secret-admin", invocation -> envelope(200, OK_BODY));

    Answer answer = fixture.handle(body(1, 3, "secret-admin:prod"));

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().get("error_type").asText()).isEqualTo("TargetRefused");
    assertThat(answer.body().get("error").asText())
        .contains("secret-admin")
        .contains("PERFKIT_ALLOWED_TARGET_FUNCTIONS");
    assertThat(fixture.server.invocations("secret-admin")).isEmpty();
  }

  private static JsonNode workerBody(Invocation invocation) {
    JsonNode payload = LoadTesterFixture.answer(200, invocation.payload()).body();
    return LoadTesterFixture.answer(200, payload.get("body").asText()).body();
  }
}
