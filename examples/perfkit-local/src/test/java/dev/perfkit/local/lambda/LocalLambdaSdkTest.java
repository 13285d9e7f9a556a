package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.exits;
import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** The local Lambda as the AWS SDK's LambdaClient sees it, with real environment JVMs. */
class LocalLambdaSdkTest {

  private static LocalLambda lambda;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    client = TestSupport.client(lambda.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
  }

  private static InvokeResponse invoke(String function, String payload) {
    return client.invoke(
        request -> request.functionName(function).payload(SdkBytes.fromUtf8String(payload)));
  }

  private static JsonNode body(InvokeResponse response) {
    return json(response.payload().asUtf8String());
  }

  @Test
  void invoke_requestResponse_answersWithFunctionResponseFromEnvironment() {
    lambda.deploy(probe("sync").memoryMb(256).environmentVariable("GREETING", "hello").build());

    InvokeResponse response = invoke("sync", "{}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isNull();
    assertThat(response.executedVersion()).isEqualTo("$LATEST");
    JsonNode body = body(response);
    assertThat(body.get("pid").asLong()).isNotEqualTo(ProcessHandle.current().pid());
    assertThat(body.get("function_name").asText()).isEqualTo("sync");
    assertThat(body.get("memory_limit_mb").asInt()).isEqualTo(256);
    assertThat(body.get("max_heap_mb").asInt()).isBetween(150, 256);
    assertThat(body.get("greeting").asText()).isEqualTo("hello");
    assertThat(body.get("region").asText()).isEqualTo("us-east-1");
    assertThat(body.get("invoked_function_arn").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:sync");
    assertThat(body.get("remaining_time_ms").asLong()).isBetween(1L, 30_000L);
  }

  @Test
  void invoke_twice_coldStartsThenReusesWarmEnvironment() {
    lambda.deploy(probe("warm").build());

    JsonNode first = body(invoke("warm", "{}"));
    JsonNode second = body(invoke("warm", "{}"));

    assertThat(first.get("cold_start").asBoolean()).isTrue();
    assertThat(second.get("cold_start").asBoolean()).isFalse();
    assertThat(second.get("invocation").asInt()).isEqualTo(2);
    assertThat(second.get("pid").asLong()).isEqualTo(first.get("pid").asLong());
  }

  @Test
  void invoke_eventType_answers202AndRunsFunctionInBackground() {
    lambda.deploy(probe("event").build());
    String marker = "event-" + UUID.randomUUID();

    InvokeResponse response =
        client.invoke(
            request ->
                request
                    .functionName("event")
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"print\":\"" + marker + "\"}")));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.payload().asByteArray()).isEmpty();
    assertThat(
            eventually(
                Duration.ofSeconds(30),
                () -> TestSupport.logsContain(lambda.logDirectory(), marker)))
        .as("the event's output reaches the function's log stream")
        .isTrue();
  }

  @Test
  void invoke_dryRun_answers204WithoutRunningFunction() {
    lambda.deploy(probe("dry").build());
    String marker = "dry-" + UUID.randomUUID();

    InvokeResponse response =
        client.invoke(
            request ->
                request
                    .functionName("dry")
                    .invocationType(InvocationType.DRY_RUN)
                    .payload(SdkBytes.fromUtf8String("{\"print\":\"" + marker + "\"}")));

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(TestSupport.logsContain(lambda.logDirectory(), marker)).isFalse();
  }

  @Test
  void invoke_handlerThrows_answersUnhandledFunctionError() {
    lambda.deploy(probe("throws").build());

    InvokeResponse response = invoke("throws", "{\"fail\":\"bad input\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.functionError()).isEqualTo("Unhandled");
    JsonNode error = body(response);
    assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.get("errorMessage").asText()).isEqualTo("bad input");
    assertThat(error.get("stackTrace").isArray()).isTrue();
  }

  @Test
  void invoke_tailLog_returnsLogOfThisInvocationOnly() {
    lambda.deploy(probe("tail").build());
    invoke("tail", "{\"print\":\"earlier invocation\"}");

    InvokeResponse response =
        client.invoke(
            request ->
                request
                    .functionName("tail")
                    .logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"print\":\"this invocation\"}")));

    byte[] log = Base64.getDecoder().decode(response.logResult());
    String text = new String(log, StandardCharsets.UTF_8);
    String requestId = response.responseMetadata().requestId();
    assertThat(log.length).isLessThanOrEqualTo(4096);
    assertThat(text)
        .startsWith("START RequestId: " + requestId + " Version: $LATEST")
        .contains(
            "this invocation", "END RequestId: " + requestId, "REPORT RequestId: " + requestId)
        .doesNotContain("earlier invocation", "Init Duration");
  }

  @Test
  void invoke_unknownFunction_throwsResourceNotFound() {
    assertThatThrownBy(() -> invoke("no-such-function", "{}"))
        .isInstanceOfSatisfying(
            ResourceNotFoundException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.getMessage()).contains("Function not found", "no-such-function");
            });
  }

  @Test
  void invoke_payloadNotJson_throwsInvalidRequestContent() {
    lambda.deploy(probe("not-json").build());

    assertThatThrownBy(() -> invoke("not-json", "{not json"))
        .isInstanceOfSatisfying(
            InvalidRequestContentException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage()).contains("Could not parse request body into json");
            });
  }

  @Test
  void invoke_streamHandler_answersWhatHandlerWrote() {
    lambda.deploy(
        FunctionConfig.builder(
                "stream", UppercaseStreamHandler.class.getName(), TestSupport.testCode())
            .build());

    InvokeResponse response = invoke("stream", "{\"word\":\"quiet\"}");

    assertThat(response.payload().asUtf8String()).isEqualTo("{\"WORD\":\"QUIET\"}");
  }

  @Test
  void invoke_aliasAsQualifierOrInName_runsAliasVersion() {
    lambda.deploy(probe("aliased").build());
    String version = lambda.publishVersion("aliased");
    lambda.createAlias("aliased", "live", version);

    InvokeResponse byQualifier =
        client.invoke(
            request ->
                request
                    .functionName("aliased")
                    .qualifier("live")
                    .payload(SdkBytes.fromUtf8String("{}")));
    InvokeResponse byName = invoke("aliased:live", "{}");

    assertThat(version).isEqualTo("1");
    assertThat(byQualifier.executedVersion()).isEqualTo("1");
    assertThat(byName.executedVersion()).isEqualTo("1");
    assertThat(body(byName).get("invoked_function_arn").asText())
        .endsWith(":function:aliased:live");
    assertThat(body(byName).get("function_version").asText()).isEqualTo("1");
  }

  @Test
  void invoke_beyondReservedConcurrency_throttlesExactlyTheExcess() throws Exception {
    lambda.deploy(probe("reserved").reservedConcurrency(2).build());
    CountDownLatch arrived = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch throttled = new CountDownLatch(3);
    HttpServer gate = TestSupport.gate(arrived, release);
    String payload = "{\"gate\":\"http://127.0.0.1:" + gate.getAddress().getPort() + "/gate\"}";
    ExecutorService callers = Executors.newFixedThreadPool(5);
    try {
      List<Future<Object>> calls = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        calls.add(
            callers.submit(
                () -> {
                  try {
                    return invoke("reserved", payload);
                  } catch (TooManyRequestsException e) {
                    throttled.countDown();
                    return e;
                  }
                }));
      }
      assertThat(arrived.await(60, TimeUnit.SECONDS)).as("two invocations at the gate").isTrue();
      assertThat(throttled.await(60, TimeUnit.SECONDS)).as("three invocations throttled").isTrue();
      release.countDown();

      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> call : calls) {
        outcomes.add(call.get(60, TimeUnit.SECONDS));
      }
      assertThat(outcomes)
          .filteredOn(TooManyRequestsException.class::isInstance)
          .hasSize(3)
          .allSatisfy(
              outcome -> {
                TooManyRequestsException e = (TooManyRequestsException) outcome;
                assertThat(e.statusCode()).isEqualTo(429);
                assertThat(e.reason())
                    .isEqualTo(
                        ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
              });
      assertThat(outcomes)
          .filteredOn(InvokeResponse.class::isInstance)
          .hasSize(2)
          .allSatisfy(outcome -> assertThat(((InvokeResponse) outcome).functionError()).isNull());
    } finally {
      release.countDown();
      callers.shutdownNow();
      gate.stop(0);
    }
  }

  @Test
  void invoke_provisionedAlias_answersFirstCallWithoutColdStart() {
    List<Long> before = TestSupport.environmentJvms().stream().map(ProcessHandle::pid).toList();
    lambda.deploy(probe("provisioned").alias("prod", 2).build());
    List<Long> provisioned =
        TestSupport.environmentJvms().stream()
            .map(ProcessHandle::pid)
            .filter(pid -> !before.contains(pid))
            .toList();

    InvokeResponse response =
        client.invoke(
            request ->
                request
                    .functionName("provisioned")
                    .qualifier("prod")
                    .logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{}")));

    JsonNode body = body(response);
    assertThat(provisioned).hasSize(2);
    assertThat(body.get("pid").asLong()).isIn(provisioned);
    assertThat(body.get("initialization_type").asText()).isEqualTo("provisioned-concurrency");
    assertThat(body.get("cold_start").asBoolean()).isFalse();
    assertThat(response.executedVersion()).isEqualTo("1");
    assertThat(new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8))
        .contains("REPORT RequestId")
        .doesNotContain("Init Duration");
  }

  @Test
  void invoke_beyondTimeout_stopsEnvironmentAndReportsTimeout() {
    lambda.deploy(probe("slow").timeout(Duration.ofSeconds(1)).build());
    long pid = body(invoke("slow", "{}")).get("pid").asLong();

    InvokeResponse response = invoke("slow", "{\"spinMillis\":60000}");

    assertThat(response.functionError()).isEqualTo("Unhandled");
    JsonNode error = body(response);
    assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(error.get("errorMessage").asText())
        .endsWith("Error: Task timed out after 1.00 seconds");
    assertThat(exits(pid, Duration.ofSeconds(10))).as("the timed-out JVM is stopped").isTrue();
    assertThat(body(invoke("slow", "{}")).get("cold_start").asBoolean()).isTrue();
  }

  @Test
  void invoke_handlerExitsJvm_reportsRuntimeExitError() {
    lambda.deploy(probe("crash").build());

    InvokeResponse response = invoke("crash", "{\"exit\":3}");

    assertThat(response.functionError()).isEqualTo("Unhandled");
    JsonNode error = body(response);
    assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ExitError");
    assertThat(error.get("errorMessage").asText())
        .endsWith("Error: Runtime exited with error: exit status 3");
  }

  @Test
  void invoke_handlerFailsInit_answersInitErrorAsFunctionError() {
    lambda.deploy(
        FunctionConfig.builder(
                "broken",
                BrokenInitHandler.class.getName() + "::handleRequest",
                TestSupport.testCode())
            .build());

    InvokeResponse response = invoke("broken", "{}");

    assertThat(response.functionError()).isEqualTo("Unhandled");
    assertThat(body(response).get("errorMessage").asText())
        .contains("PERFKIT_TABLE_NAME is not set");
  }

  @Test
  void getFunctionConfiguration_answersDeployedSettings() {
    lambda.deploy(probe("described").memoryMb(512).environmentVariable("GREETING", "hi").build());

    GetFunctionConfigurationResponse configuration =
        client.getFunctionConfiguration(request -> request.functionName("described"));

    assertThat(configuration.functionName()).isEqualTo("described");
    assertThat(configuration.memorySize()).isEqualTo(512);
    assertThat(configuration.timeout()).isEqualTo(30);
    assertThat(configuration.handler()).isEqualTo(ProbeHandler.class.getName() + "::handleRequest");
    assertThat(configuration.environment().variables()).containsEntry("GREETING", "hi");
    assertThat(configuration.version()).isEqualTo("$LATEST");
  }

  @Test
  void updateFunctionConfiguration_newMemory_startsNewEnvironmentWithIt() {
    lambda.deploy(probe("resized").memoryMb(128).build());
    JsonNode before = body(invoke("resized", "{}"));

    lambda.updateFunctionConfiguration(
        lambda.functionConfiguration("resized").toBuilder().memoryMb(1024).build());
    JsonNode after = body(invoke("resized", "{}"));

    assertThat(after.get("pid").asLong()).isNotEqualTo(before.get("pid").asLong());
    assertThat(after.get("cold_start").asBoolean()).isTrue();
    assertThat(after.get("memory_limit_mb").asInt()).isEqualTo(1024);
    assertThat(after.get("max_heap_mb").asInt()).isGreaterThan(before.get("max_heap_mb").asInt());
    assertThat(exits(before.get("pid").asLong(), Duration.ofSeconds(10))).isTrue();
  }
}
