package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/** UpdateFunctionConfiguration over HTTP, as the AWS SDK and its waiter use it. */
class UpdateFunctionConfigurationTest {

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

  private static JsonNode invoke(String function, String payload) {
    return json(
        client
            .invoke(
                request -> request.functionName(function).payload(SdkBytes.fromUtf8String(payload)))
            .payload()
            .asUtf8String());
  }

  @Test
  void updateFunctionConfiguration_sdk_answersInProgressWithTheNewSettings() {
    lambda.deploy(probe("updated").memoryMb(256).build());

    UpdateFunctionConfigurationResponse response =
        client.updateFunctionConfiguration(
            request ->
                request
                    .functionName("updated")
                    .memorySize(512)
                    .timeout(20)
                    .environment(environment -> environment.variables(Map.of("GREETING", "hi"))));

    assertThat(response.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
    assertThat(response.memorySize()).isEqualTo(512);
    assertThat(response.timeout()).isEqualTo(20);
    assertThat(response.environment().variables()).containsExactly(Map.entry("GREETING", "hi"));
    assertThat(response.functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:updated");
    FunctionConfig applied = lambda.functionConfiguration("updated");
    assertThat(applied.memoryMb()).isEqualTo(512);
    assertThat(applied.timeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void waitUntilFunctionUpdatedV2_afterMemoryChange_isSuccessfulAndNextInvocationRunsNewSize() {
    lambda.deploy(probe("resized-over-http").memoryMb(128).build());
    JsonNode before = invoke("resized-over-http", "{}");

    client.updateFunctionConfiguration(
        request -> request.functionName("resized-over-http").memorySize(1024));
    WaiterResponse<GetFunctionResponse> waited;
    try (LambdaWaiter waiter = client.waiter()) {
      waited =
          waiter.waitUntilFunctionUpdatedV2(request -> request.functionName("resized-over-http"));
    }
    JsonNode after = invoke("resized-over-http", "{}");

    GetFunctionResponse function = waited.matched().response().orElseThrow();
    assertThat(function.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
    assertThat(function.configuration().memorySize()).isEqualTo(1024);
    assertThat(after.get("pid").asLong()).isNotEqualTo(before.get("pid").asLong());
    assertThat(after.get("cold_start").asBoolean()).isTrue();
    assertThat(after.get("memory_limit_mb").asInt()).isEqualTo(1024);
    assertThat(after.get("max_heap_mb").asInt()).isGreaterThan(before.get("max_heap_mb").asInt());
  }

  @Test
  void getFunctionConfiguration_whileAnOldEnvironmentIsBusy_isInProgressUntilItFinishes()
      throws Exception {
    lambda.deploy(probe("busy-update").build());
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer gate = TestSupport.gate(arrived, release);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      String payload = "{\"gate\":\"http://127.0.0.1:" + gate.getAddress().getPort() + "/gate\"}";
      CompletableFuture<JsonNode> busy =
          CompletableFuture.supplyAsync(() -> invoke("busy-update", payload), caller);
      assertThat(arrived.await(60, TimeUnit.SECONDS)).as("the invocation is at the gate").isTrue();

      client.updateFunctionConfiguration(
          request -> request.functionName("busy-update").memorySize(512));
      LastUpdateStatus whileBusy =
          client
              .getFunctionConfiguration(request -> request.functionName("busy-update"))
              .lastUpdateStatus();
      release.countDown();
      busy.get(60, TimeUnit.SECONDS);

      assertThat(whileBusy).isEqualTo(LastUpdateStatus.IN_PROGRESS);
      assertThat(
              eventually(
                  Duration.ofSeconds(10),
                  () ->
                      client
                              .getFunctionConfiguration(
                                  request -> request.functionName("busy-update"))
                              .lastUpdateStatus()
                          == LastUpdateStatus.SUCCESSFUL))
          .as("Successful once the old environment is gone")
          .isTrue();
    } finally {
      release.countDown();
      caller.shutdownNow();
      gate.stop(0);
    }
  }

  @Test
  void updateFunctionConfiguration_memoryOutOfRange_throwsInvalidParameterValueNamingIt() {
    lambda.deploy(probe("too-small").build());

    assertThatThrownBy(
            () ->
                client.updateFunctionConfiguration(
                    request -> request.functionName("too-small").memorySize(64)))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.getMessage())
                  .contains("MemorySize must be a whole number from 128 to 10240");
            });
    assertThat(lambda.functionConfiguration("too-small").memoryMb()).isEqualTo(128);
  }

  @Test
  void updateFunctionConfiguration_unsupportedSetting_isRefusedNamingIt() {
    lambda.deploy(probe("described-update").build());

    assertThatThrownBy(
            () ->
                client.updateFunctionConfiguration(
                    request ->
                        request
                            .functionName("described-update")
                            .layers("arn:aws:lambda:us-east-1:000000000000:layer:tools:1")))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("unsupported: [Layers]", "MemorySize"));
  }

  @Test
  void updateFunctionConfiguration_unknownFunction_throwsResourceNotFound() {
    assertThatThrownBy(
            () ->
                client.updateFunctionConfiguration(
                    request -> request.functionName("no-such-function").memorySize(512)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("no-such-function");
  }
}
