package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.local.sqs.LocalSqs;
import dev.perfkit.local.testing.ExternalTools;
import dev.perfkit.local.testing.ExternalTools.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda control plane with boto3, as a Python deploy script drives it: each test runs one
 * scenario of {@code control_plane.py} against the local Lambda and checks what boto3 saw.
 */
class LambdaBoto3IT {

  private static LocalSqs sqs;
  private static LocalLambda lambda;

  @TempDir static Path scratch;

  private static Path script;
  private static Path functionJar;
  private static Path secondJar;

  @BeforeAll
  static void start() throws IOException {
    sqs = LocalSqs.builder().build();
    lambda = TestSupport.lambdaPollingQueuesOf(sqs);
    functionJar =
        DeploymentPackages.write(
            scratch, "function.jar", DeploymentPackages.jarOf(ProbeHandler.class));
    secondJar =
        DeploymentPackages.write(
            scratch,
            "second.jar",
            DeploymentPackages.jarOf(ProbeHandler.class, UppercaseStreamHandler.class));
    try (InputStream in = LambdaBoto3IT.class.getResourceAsStream("/lambda/control_plane.py")) {
      script = Files.write(scratch.resolve("control_plane.py"), in.readAllBytes());
    }
  }

  @AfterAll
  static void stop() {
    lambda.close();
    sqs.close();
  }

  @BeforeEach
  void requireBoto3() {
    RequiredTool.require(
        "python3 with boto3",
        RequiredTool.runs("python3", "-c", "import boto3"),
        "pip install boto3");
  }

  /** Runs one scenario of the script for a function of its own; what the script printed. */
  private static JsonNode scenario(String scenario, String function, String... extra) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "python3",
                script.toString(),
                lambda.endpoint().toString(),
                scenario,
                function,
                functionJar.toString()));
    command.addAll(List.of(extra));
    Result result = ExternalTools.run(Map.of(), command);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return json(result.stdout());
  }

  @Test
  void createUpdateListDelete_functionLifecycleWithWaitersAndPagination() {
    JsonNode seen = scenario("functions", "boto3-function", secondJar.toString());

    assertThat(seen.get("created_state").asText()).isEqualTo("Pending");
    assertThat(seen.get("description").asText()).isEqualTo("tuned");
    assertThat(seen.get("memory").asInt()).isEqualTo(512);
    assertThat(seen.get("code_size_after").asLong())
        .isGreaterThan(seen.get("code_size_before").asLong());
    assertThat(seen.get("code_downloads_as_updated").asBoolean())
        .as("Code.Location downloads the updated package")
        .isTrue();
    assertThat(seen.get("listed")).extracting(JsonNode::asText).contains("boto3-function");
    assertThat(seen.get("after_delete").asText()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void putGetDeleteFunctionConcurrency_movesExecutionsOutOfAndBackIntoTheUnreservedPool() {
    JsonNode seen = scenario("concurrency", "boto3-reserved");

    assertThat(seen.get("put").asInt()).isEqualTo(10);
    assertThat(seen.get("get").asInt()).isEqualTo(10);
    assertThat(seen.get("unreserved_during").asInt())
        .isEqualTo(seen.get("unreserved_before").asInt() - 10);
    assertThat(seen.get("unreserved_after").asInt())
        .isEqualTo(seen.get("unreserved_before").asInt());
    assertThat(seen.get("get_after_delete").isNull()).isTrue();
  }

  @Test
  void publishVersionsAndMoveAnAlias_listsBothAndDeleteAliasRemovesIt() {
    JsonNode seen = scenario("versions_and_aliases", "boto3-versions");

    assertThat(seen.get("versions"))
        .extracting(JsonNode::asText)
        .containsExactly("$LATEST", "1", "2");
    assertThat(seen.get("alias_before").asText()).isEqualTo("1");
    assertThat(seen.get("alias_after").asText()).isEqualTo("2");
    assertThat(seen.get("aliases")).extracting(JsonNode::asText).containsExactly("prod");
    assertThat(seen.get("after_delete").asText()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void putProvisionedConcurrencyConfig_becomesReadyAndTheAliasAnswersWithoutAColdStart() {
    JsonNode seen = scenario("provisioned", "boto3-provisioned");

    assertThat(seen.get("put_status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(seen.get("ready").asBoolean()).as("READY within a minute").isTrue();
    assertThat(seen.get("listed")).extracting(JsonNode::asText).containsExactly("prod");
    assertThat(seen.get("cold_start").asBoolean()).isFalse();
    assertThat(seen.get("initialization_type").asText()).isEqualTo("provisioned-concurrency");
    assertThat(seen.get("after_delete").asText())
        .isEqualTo("ProvisionedConcurrencyConfigNotFoundException");
  }

  @Test
  void addPermissionGetPolicyRemovePermission_recordAndForgetTheStatement() {
    JsonNode seen = scenario("policy", "boto3-policy");

    assertThat(seen.get("sid").asText()).isEqualTo("apigateway");
    assertThat(seen.get("principal").asText()).isEqualTo("apigateway.amazonaws.com");
    assertThat(seen.get("after_remove").asText()).isEqualTo("ResourceNotFoundException");
  }

  @Test
  void eventSourceMapping_createGetListUpdateDelete_goesThroughLambdasStates() {
    String arn = TestSupport.createQueue(sqs, "boto3-queue");

    JsonNode seen = scenario("event_source_mapping", "boto3-consumer", arn);

    assertThat(seen.get("created_state").asText()).isEqualTo("Creating");
    assertThat(seen.get("fetched_state").asText()).isEqualTo("Enabled");
    assertThat(seen.get("listed").asBoolean()).isTrue();
    assertThat(seen.get("updated_state").asText()).isEqualTo("Updating");
    assertThat(seen.get("batch_size").asInt()).isEqualTo(5);
    assertThat(seen.get("deleted_state").asText()).isEqualTo("Deleting");
    assertThat(seen.get("gone").asBoolean()).as("gone within a minute").isTrue();
  }
}
