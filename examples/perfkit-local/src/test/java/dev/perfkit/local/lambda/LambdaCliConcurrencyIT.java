package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.local.sqs.LocalSqs;
import dev.perfkit.local.testing.ExternalTools.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Task 2's and Task 5's Lambda commands with the AWS CLI v1, unchanged, against the local Lambda:
 * reserved concurrency, versions, aliases, provisioned concurrency and SQS event source mappings.
 */
class LambdaCliConcurrencyIT {

  private static LocalSqs sqs;
  private static LocalLambda lambda;
  private static LambdaCli cli;
  private static Path functionJar;

  @TempDir static Path scratch;

  @BeforeAll
  static void start() throws IOException {
    sqs = LocalSqs.builder().build();
    lambda = TestSupport.lambdaPollingQueuesOf(sqs);
    cli = new LambdaCli(lambda.endpoint());
    functionJar =
        DeploymentPackages.write(
            scratch, "function.jar", DeploymentPackages.jarOf(ProbeHandler.class));
  }

  @AfterAll
  static void stop() {
    lambda.close();
    sqs.close();
  }

  @BeforeEach
  void requireCli() {
    LambdaCli.require();
  }

  private static int unreserved() {
    return cli.aws("get-account-settings")
        .get("AccountLimit")
        .get("UnreservedConcurrentExecutions")
        .asInt();
  }

  private static String publishedVersion(String function) {
    cli.aws("wait", "function-active-v2", "--function-name", function);
    String version =
        cli.aws("publish-version", "--function-name", function).get("Version").asText();
    cli.aws(
        "wait", "published-version-active", "--function-name", function, "--qualifier", version);
    return version;
  }

  private static void createAlias(String function, String alias, String version) {
    cli.aws(
        "create-alias",
        "--function-name",
        function,
        "--name",
        alias,
        "--function-version",
        version);
  }

  private static JsonNode provisionProd(String function) {
    createAlias(function, "prod", publishedVersion(function));
    return cli.aws(
        "put-provisioned-concurrency-config",
        "--function-name",
        function,
        "--qualifier",
        "prod",
        "--provisioned-concurrent-executions",
        "1");
  }

  private static boolean readyWithinAMinute(String function) {
    return eventually(
        Duration.ofSeconds(60),
        () ->
            cli.aws(
                    "get-provisioned-concurrency-config",
                    "--function-name",
                    function,
                    "--qualifier",
                    "prod")
                .get("Status")
                .asText()
                .equals("READY"));
  }

  private static String mappingOfANewQueue(String function) {
    return cli.aws(
            "create-event-source-mapping",
            "--function-name",
            function,
            "--event-source-arn",
            TestSupport.createQueue(sqs, function + "-queue"))
        .get("UUID")
        .asText();
  }

  @Test
  void putFunctionConcurrency_isReportedByGetFunctionAndTheAccount() {
    cli.createFunction("cli-reserved", functionJar);
    int unreservedBefore = unreserved();

    JsonNode put =
        cli.aws(
            "put-function-concurrency",
            "--function-name",
            "cli-reserved",
            "--reserved-concurrent-executions",
            "10");

    assertThat(put.get("ReservedConcurrentExecutions").asInt()).isEqualTo(10);
    assertThat(
            cli.aws("get-function-concurrency", "--function-name", "cli-reserved")
                .get("ReservedConcurrentExecutions")
                .asInt())
        .isEqualTo(10);
    assertThat(
            cli.aws("get-function", "--function-name", "cli-reserved")
                .get("Concurrency")
                .get("ReservedConcurrentExecutions")
                .asInt())
        .isEqualTo(10);
    assertThat(unreserved()).isEqualTo(unreservedBefore - 10);
  }

  @Test
  void deleteFunctionConcurrency_returnsTheReservationToTheAccount() {
    cli.createFunction("cli-unreserved", functionJar);
    int unreservedBefore = unreserved();
    cli.aws(
        "put-function-concurrency",
        "--function-name",
        "cli-unreserved",
        "--reserved-concurrent-executions",
        "10");

    cli.aws("delete-function-concurrency", "--function-name", "cli-unreserved");

    assertThat(unreserved()).isEqualTo(unreservedBefore);
    assertThat(cli.aws("get-function-concurrency", "--function-name", "cli-unreserved"))
        .as("get-function-concurrency answers {}, which the CLI prints as nothing")
        .isNull();
  }

  @Test
  void publishVersionCreateAliasAndProvision_theAliasAnswersWithoutAColdStart() throws IOException {
    cli.createFunction("cli-provisioned", functionJar);

    JsonNode put = provisionProd("cli-provisioned");
    boolean ready = readyWithinAMinute("cli-provisioned");
    Path out = scratch.resolve("prod.json");
    JsonNode invoked =
        cli.aws(
            "invoke", "--function-name", "cli-provisioned", "--qualifier", "prod", out.toString());

    assertThat(put.get("Status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(ready).as("READY within a minute").isTrue();
    assertThat(invoked.get("ExecutedVersion").asText()).isEqualTo("1");
    assertThat(json(Files.readString(out)).get("cold_start").asBoolean()).isFalse();
    assertThat(cli.aws("list-aliases", "--function-name", "cli-provisioned").get("Aliases"))
        .extracting(alias -> alias.get("Name").asText())
        .containsExactly("prod");
  }

  @Test
  void listProvisionedConcurrencyConfigs_thenDelete_forgetsTheConfig() {
    cli.createFunction("cli-unprovisioned", functionJar);
    provisionProd("cli-unprovisioned");
    assertThat(readyWithinAMinute("cli-unprovisioned")).as("READY within a minute").isTrue();

    JsonNode listed =
        cli.aws("list-provisioned-concurrency-configs", "--function-name", "cli-unprovisioned")
            .get("ProvisionedConcurrencyConfigs");
    cli.aws(
        "delete-provisioned-concurrency-config",
        "--function-name",
        "cli-unprovisioned",
        "--qualifier",
        "prod");

    assertThat(listed)
        .extracting(config -> config.get("FunctionArn").asText())
        .singleElement()
        .asString()
        .endsWith(":cli-unprovisioned:prod");
    Result after =
        cli.run(
            "get-provisioned-concurrency-config",
            "--function-name",
            "cli-unprovisioned",
            "--qualifier",
            "prod");
    assertThat(after.exitCode()).isNotZero();
    assertThat(after.stderr()).contains("ProvisionedConcurrencyConfigNotFoundException");
  }

  @Test
  void listVersionsByFunction_answersLatestAndEachPublishedVersion() {
    cli.createFunction("cli-versions", functionJar);
    publishedVersion("cli-versions");
    cli.aws("update-function-configuration", "--function-name", "cli-versions", "--timeout", "20");
    cli.aws("wait", "function-updated-v2", "--function-name", "cli-versions");
    publishedVersion("cli-versions");

    JsonNode versions =
        cli.aws("list-versions-by-function", "--function-name", "cli-versions").get("Versions");

    assertThat(versions)
        .extracting(version -> version.get("Version").asText())
        .containsExactly("$LATEST", "1", "2");
  }

  @Test
  void updateAlias_pointsTheAliasAtAnotherVersion() {
    cli.createFunction("cli-moved", functionJar);
    createAlias("cli-moved", "live", publishedVersion("cli-moved"));
    cli.aws("update-function-configuration", "--function-name", "cli-moved", "--timeout", "20");
    cli.aws("wait", "function-updated-v2", "--function-name", "cli-moved");
    String second = publishedVersion("cli-moved");

    JsonNode updated =
        cli.aws(
            "update-alias",
            "--function-name",
            "cli-moved",
            "--name",
            "live",
            "--function-version",
            second);

    assertThat(updated.get("FunctionVersion").asText()).isEqualTo("2");
    assertThat(
            cli.aws("get-alias", "--function-name", "cli-moved", "--name", "live")
                .get("FunctionVersion")
                .asText())
        .isEqualTo("2");
  }

  @Test
  void deleteAlias_thenGetAlias_answersResourceNotFound() {
    cli.createFunction("cli-unaliased", functionJar);
    createAlias("cli-unaliased", "gone", publishedVersion("cli-unaliased"));

    cli.aws("delete-alias", "--function-name", "cli-unaliased", "--name", "gone");

    Result after = cli.run("get-alias", "--function-name", "cli-unaliased", "--name", "gone");
    assertThat(after.exitCode()).isNotZero();
    assertThat(after.stderr()).contains("ResourceNotFoundException");
  }

  @Test
  void createEventSourceMapping_sqsQueue_consumesItsMessagesAndIsListed() {
    cli.createFunction("cli-consumer", functionJar);
    String arn = TestSupport.createQueue(sqs, "cli-queue");
    String queueUrl =
        sqs.client().getQueueUrl(request -> request.queueName("cli-queue")).queueUrl();
    sqs.client().sendMessage(request -> request.queueUrl(queueUrl).messageBody("{\"n\":1}"));

    JsonNode created =
        cli.aws(
            "create-event-source-mapping",
            "--function-name",
            "cli-consumer",
            "--event-source-arn",
            arn,
            "--batch-size",
            "10",
            "--maximum-batching-window-in-seconds",
            "1",
            "--function-response-types",
            "ReportBatchItemFailures",
            "--scaling-config",
            "MaximumConcurrency=2");

    assertThat(created.get("State").asText()).isEqualTo("Creating");
    assertThat(created.get("ScalingConfig").get("MaximumConcurrency").asInt()).isEqualTo(2);
    assertThat(
            eventually(
                Duration.ofSeconds(60),
                () ->
                    sqs
                        .client()
                        .getQueueAttributes(
                            request ->
                                request
                                    .queueUrl(queueUrl)
                                    .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName
                                            .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes()
                        .values()
                        .stream()
                        .allMatch("0"::equals)))
        .as("the message is consumed")
        .isTrue();
    assertThat(
            cli.aws("list-event-source-mappings", "--function-name", "cli-consumer")
                .get("EventSourceMappings"))
        .extracting(mapping -> mapping.get("UUID").asText())
        .containsExactly(created.get("UUID").asText());
  }

  @Test
  void updateEventSourceMapping_batchSize_isReportedByGetEventSourceMapping() {
    cli.createFunction("cli-resized", functionJar);
    String uuid = mappingOfANewQueue("cli-resized");

    JsonNode updated = cli.aws("update-event-source-mapping", "--uuid", uuid, "--batch-size", "5");

    assertThat(updated.get("State").asText()).isEqualTo("Updating");
    assertThat(cli.aws("get-event-source-mapping", "--uuid", uuid).get("BatchSize").asInt())
        .isEqualTo(5);
  }

  @Test
  void deleteEventSourceMapping_answersDeletingAndTheMappingGoes() {
    cli.createFunction("cli-unmapped", functionJar);
    String uuid = mappingOfANewQueue("cli-unmapped");

    JsonNode deleted = cli.aws("delete-event-source-mapping", "--uuid", uuid);

    assertThat(deleted.get("State").asText()).isEqualTo("Deleting");
    assertThat(
            eventually(
                Duration.ofSeconds(60),
                () ->
                    cli.run("get-event-source-mapping", "--uuid", uuid)
                        .stderr()
                        .contains("ResourceNotFoundException")))
        .as("gone within a minute")
        .isTrue();
  }
}
