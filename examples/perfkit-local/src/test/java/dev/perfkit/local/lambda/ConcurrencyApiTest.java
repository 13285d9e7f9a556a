package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;

/**
 * Reserved and provisioned concurrency through the SDK's LambdaClient (Lambda API reference:
 * PutFunctionConcurrency, GetFunctionConcurrency, DeleteFunctionConcurrency, GetAccountSettings,
 * Put/Get/Delete/ListProvisionedConcurrencyConfig(s)), on a local account limit of 1,000 so that
 * Lambda's minimum of 100 unreserved applies as documented.
 */
class ConcurrencyApiTest {

  private static LocalLambda lambda;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    lambda =
        LocalLambda.builder().concurrencyLimit(1000).initTimeout(Duration.ofSeconds(30)).build();
    client = TestSupport.client(lambda.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
  }

  @Test
  void putFunctionConcurrency_isReportedByGetFunctionAndGetFunctionConcurrency() {
    lambda.deploy(probe("reserved-api").build());

    int put =
        client
            .putFunctionConcurrency(
                request -> request.functionName("reserved-api").reservedConcurrentExecutions(10))
            .reservedConcurrentExecutions();

    assertThat(put).isEqualTo(10);
    assertThat(
            client
                .getFunction(request -> request.functionName("reserved-api"))
                .concurrency()
                .reservedConcurrentExecutions())
        .isEqualTo(10);
    assertThat(
            client
                .getFunctionConcurrency(request -> request.functionName("reserved-api"))
                .reservedConcurrentExecutions())
        .isEqualTo(10);
    assertThat(lambda.functionConfiguration("reserved-api").reservedConcurrency()).hasValue(10);
  }

  @Test
  void putFunctionConcurrency_belowTheUnreservedMinimum_isRefusedAsLambdaDoes() {
    lambda.deploy(probe("greedy").build());
    int unreserved =
        client.getAccountSettings(request -> {}).accountLimit().unreservedConcurrentExecutions();

    assertThatThrownBy(
            () ->
                client.putFunctionConcurrency(
                    request ->
                        request
                            .functionName("greedy")
                            .reservedConcurrentExecutions(unreserved - 99)))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e ->
                assertThat(e.getMessage())
                    .contains(
                        "decreases account's UnreservedConcurrentExecution below its minimum value"
                            + " of [100]"));
    assertThat(lambda.functionConfiguration("greedy").reservedConcurrency()).isEmpty();
  }

  @Test
  void deleteFunctionConcurrency_removesTheReservation() {
    lambda.deploy(probe("released").reservedConcurrency(5).build());

    client.deleteFunctionConcurrency(request -> request.functionName("released"));

    assertThat(
            client
                .getFunctionConcurrency(request -> request.functionName("released"))
                .reservedConcurrentExecutions())
        .isNull();
    assertThat(client.getFunction(request -> request.functionName("released")).concurrency())
        .isNull();
  }

  @Test
  void getAccountSettings_answersTheLocalLimitLessReservations() {
    lambda.deploy(probe("account-a").reservedConcurrency(20).build());
    GetAccountSettingsResponse before = client.getAccountSettings(request -> {});

    client.putFunctionConcurrency(
        request -> request.functionName("account-a").reservedConcurrentExecutions(30));
    GetAccountSettingsResponse after = client.getAccountSettings(request -> {});

    assertThat(after.accountLimit().concurrentExecutions()).isEqualTo(1000);
    assertThat(after.accountLimit().unreservedConcurrentExecutions())
        .isEqualTo(before.accountLimit().unreservedConcurrentExecutions() - 10);
    assertThat(after.accountLimit().codeSizeZipped()).isEqualTo(50L * 1024 * 1024);
    assertThat(after.accountUsage().functionCount()).isPositive();
  }

  @Test
  void putProvisionedConcurrencyConfig_isInProgressThenReadyAndServesTheAlias() {
    lambda.deploy(probe("warmed").build());
    client.publishVersion(request -> request.functionName("warmed"));
    client.createAlias(request -> request.functionName("warmed").name("prod").functionVersion("1"));

    PutProvisionedConcurrencyConfigResponse put =
        client.putProvisionedConcurrencyConfig(
            request ->
                request
                    .functionName("warmed")
                    .qualifier("prod")
                    .provisionedConcurrentExecutions(1));

    assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(202);
    assertThat(put.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.IN_PROGRESS);
    assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(1);
    assertThat(
            eventually(
                Duration.ofSeconds(60),
                () -> status("warmed", "prod").status() == ProvisionedConcurrencyStatusEnum.READY))
        .as("READY once the environment initialized")
        .isTrue();
    assertThat(status("warmed", "prod").availableProvisionedConcurrentExecutions()).isEqualTo(1);
    JsonNode answer =
        json(
            client
                .invoke(request -> request.functionName("warmed").qualifier("prod"))
                .payload()
                .asUtf8String());
    assertThat(answer.get("initialization_type").asText()).isEqualTo("provisioned-concurrency");
    assertThat(answer.get("cold_start").asBoolean()).isFalse();
  }

  @Test
  void putProvisionedConcurrencyConfig_initFails_isFailedWithTheReason() {
    lambda.deploy(
        FunctionConfig.builder(
                "broken-provisioned",
                BrokenInitHandler.class.getName() + "::handleRequest",
                TestSupport.testCode())
            .build());
    client.publishVersion(request -> request.functionName("broken-provisioned"));
    client.createAlias(
        request -> request.functionName("broken-provisioned").name("prod").functionVersion("1"));

    client.putProvisionedConcurrencyConfig(
        request ->
            request
                .functionName("broken-provisioned")
                .qualifier("prod")
                .provisionedConcurrentExecutions(1));

    assertThat(
            eventually(
                Duration.ofSeconds(60),
                () ->
                    status("broken-provisioned", "prod").status()
                        == ProvisionedConcurrencyStatusEnum.FAILED))
        .as("FAILED once the environment's init failed")
        .isTrue();
    assertThat(status("broken-provisioned", "prod").statusReason())
        .contains("PERFKIT_TABLE_NAME is not set");
  }

  @Test
  void deleteProvisionedConcurrencyConfig_thenGet_throwsNotFoundAndListIsEmpty() {
    lambda.deploy(probe("unprovisioned").alias("prod", 1).build());
    ProvisionedConcurrencyConfigListItem listed =
        client
            .listProvisionedConcurrencyConfigs(request -> request.functionName("unprovisioned"))
            .provisionedConcurrencyConfigs()
            .get(0);

    client.deleteProvisionedConcurrencyConfig(
        request -> request.functionName("unprovisioned").qualifier("prod"));

    assertThat(listed.functionArn()).endsWith(":function:unprovisioned:prod");
    assertThat(listed.status()).isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
    assertThatThrownBy(() -> status("unprovisioned", "prod"))
        .isInstanceOfSatisfying(
            ProvisionedConcurrencyConfigNotFoundException.class,
            e -> assertThat(e.statusCode()).isEqualTo(404));
    assertThat(
            client
                .listProvisionedConcurrencyConfigs(request -> request.functionName("unprovisioned"))
                .provisionedConcurrencyConfigs())
        .isEmpty();
  }

  @Test
  void putProvisionedConcurrencyConfig_onLatest_isRefusedAsLambdaDoes() {
    lambda.deploy(probe("latest-only").build());

    assertThatThrownBy(
            () ->
                client.putProvisionedConcurrencyConfig(
                    request ->
                        request
                            .functionName("latest-only")
                            .qualifier("$LATEST")
                            .provisionedConcurrentExecutions(1)))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("cannot be applied to unpublished"));
  }

  private static GetProvisionedConcurrencyConfigResponse status(String function, String alias) {
    return client.getProvisionedConcurrencyConfig(
        request -> request.functionName(function).qualifier(alias));
  }
}
