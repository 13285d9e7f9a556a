package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.local.sqs.LocalSqs;
import dev.perfkit.local.sqs.SqsEventSources;
import dev.perfkit.local.testing.ExternalTools;
import dev.perfkit.local.testing.ExternalTools.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The lab's Lambda commands with the AWS CLI v1 ({@code aws --endpoint-url ... lambda ...}),
 * unchanged, against the local Lambda: Task 1's create-function, Task 2's concurrency, versions,
 * aliases and provisioned concurrency, Task 5's event source mapping, and the CLI's waiters.
 */
class LambdaCliTest {

  private static final String ROLE = "arn:aws:iam::000000000000:role/lab-role";
  private static final String HANDLER = ProbeHandler.class.getName() + "::handleRequest";

  private static LocalSqs sqs;
  private static LocalLambda lambda;
  private static byte[] jar;

  @TempDir static Path scratch;

  @BeforeAll
  static void start() throws IOException {
    sqs = LocalSqs.builder().build();
    lambda =
        LocalLambda.builder()
            .concurrencyLimit(1000)
            .initTimeout(Duration.ofSeconds(30))
            .eventSources(SqsEventSources.of(sqs))
            .build();
    jar = DeploymentPackages.jarOf(ProbeHandler.class);
    DeploymentPackages.write(scratch, "function.jar", jar);
  }

  @AfterAll
  static void stop() {
    lambda.close();
    sqs.close();
  }

  @BeforeEach
  void requireCli() {
    RequiredTool.require(
        "the AWS CLI v1 ('aws')", RequiredTool.runs("aws", "--version"), "pip install awscli");
  }

  /** Runs {@code aws --endpoint-url <local> lambda <arguments>}; its JSON answer, if any. */
  private static JsonNode aws(String... arguments) {
    Result result = run(arguments);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result.stdout().isBlank() ? null : json(result.stdout());
  }

  private static Result run(String... arguments) {
    List<String> command =
        new ArrayList<>(List.of("aws", "--endpoint-url", lambda.endpoint().toString(), "lambda"));
    command.addAll(List.of(arguments));
    return ExternalTools.run(Map.of(), command);
  }

  private static void createFunction(String name) {
    aws(
        "create-function",
        "--function-name",
        name,
        "--runtime",
        "java21",
        "--role",
        ROLE,
        "--handler",
        HANDLER,
        "--timeout",
        "30",
        "--description",
        "created by the CLI",
        "--zip-file",
        "fileb://" + scratch.resolve("function.jar"));
  }

  @Test
  void createFunction_thenWaitFunctionActiveV2_getFunctionReportsWhatWasCreated() throws Exception {
    createFunction("cli-created");
    aws("wait", "function-active-v2", "--function-name", "cli-created");

    JsonNode configuration =
        aws("get-function", "--function-name", "cli-created").get("Configuration");

    assertThat(configuration.get("State").asText()).isEqualTo("Active");
    assertThat(configuration.get("Runtime").asText()).isEqualTo("java21");
    assertThat(configuration.get("Role").asText()).isEqualTo(ROLE);
    assertThat(configuration.get("Description").asText()).isEqualTo("created by the CLI");
    assertThat(configuration.get("CodeSha256").asText())
        .isEqualTo(
            Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(jar)));
    assertThat(configuration.get("CodeSize").asLong()).isEqualTo(jar.length);
    assertThat(configuration.get("LastModified").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT.*\\+0000");
    assertThat(configuration.get("RevisionId").asText()).isNotBlank();
  }

  @Test
  void updateFunctionConfiguration_description_thenWaitFunctionUpdatedV2_isApplied() {
    createFunction("cli-updated");

    JsonNode updated =
        aws(
            "update-function-configuration",
            "--function-name",
            "cli-updated",
            "--description",
            "tuned",
            "--memory-size",
            "512");
    aws("wait", "function-updated-v2", "--function-name", "cli-updated");

    assertThat(updated.get("LastUpdateStatus").asText()).isEqualTo("InProgress");
    JsonNode configuration = aws("get-function-configuration", "--function-name", "cli-updated");
    assertThat(configuration.get("Description").asText()).isEqualTo("tuned");
    assertThat(configuration.get("MemorySize").asInt()).isEqualTo(512);
    assertThat(configuration.get("LastUpdateStatus").asText()).isEqualTo("Successful");
  }

  @Test
  void putFunctionConcurrency_isReportedByGetFunctionAndTheAccount() {
    createFunction("cli-reserved");
    int unreservedBefore =
        aws("get-account-settings")
            .get("AccountLimit")
            .get("UnreservedConcurrentExecutions")
            .asInt();

    JsonNode put =
        aws(
            "put-function-concurrency",
            "--function-name",
            "cli-reserved",
            "--reserved-concurrent-executions",
            "10");

    assertThat(put.get("ReservedConcurrentExecutions").asInt()).isEqualTo(10);
    assertThat(
            aws("get-function-concurrency", "--function-name", "cli-reserved")
                .get("ReservedConcurrentExecutions")
                .asInt())
        .isEqualTo(10);
    assertThat(
            aws("get-function", "--function-name", "cli-reserved")
                .get("Concurrency")
                .get("ReservedConcurrentExecutions")
                .asInt())
        .isEqualTo(10);
    assertThat(
            aws("get-account-settings")
                .get("AccountLimit")
                .get("UnreservedConcurrentExecutions")
                .asInt())
        .isEqualTo(unreservedBefore - 10);
  }

  @Test
  void publishVersionCreateAliasAndProvision_theAliasAnswersWithoutAColdStart() throws IOException {
    createFunction("cli-provisioned");
    aws("wait", "function-active-v2", "--function-name", "cli-provisioned");

    String version =
        aws("publish-version", "--function-name", "cli-provisioned").get("Version").asText();
    aws(
        "wait",
        "published-version-active",
        "--function-name",
        "cli-provisioned",
        "--qualifier",
        version);
    aws(
        "create-alias",
        "--function-name",
        "cli-provisioned",
        "--name",
        "prod",
        "--function-version",
        version);
    JsonNode put =
        aws(
            "put-provisioned-concurrency-config",
            "--function-name",
            "cli-provisioned",
            "--qualifier",
            "prod",
            "--provisioned-concurrent-executions",
            "1");
    boolean ready =
        eventually(
            Duration.ofSeconds(60),
            () ->
                aws(
                        "get-provisioned-concurrency-config",
                        "--function-name",
                        "cli-provisioned",
                        "--qualifier",
                        "prod")
                    .get("Status")
                    .asText()
                    .equals("READY"));
    Path out = scratch.resolve("prod.json");
    JsonNode invoked =
        aws("invoke", "--function-name", "cli-provisioned", "--qualifier", "prod", out.toString());

    assertThat(version).isEqualTo("1");
    assertThat(put.get("Status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(ready).as("READY within a minute").isTrue();
    assertThat(invoked.get("ExecutedVersion").asText()).isEqualTo("1");
    assertThat(json(Files.readString(out)).get("cold_start").asBoolean()).isFalse();
    assertThat(aws("list-aliases", "--function-name", "cli-provisioned").get("Aliases"))
        .extracting(alias -> alias.get("Name").asText())
        .containsExactly("prod");
  }

  @Test
  void listFunctions_answersEveryFunction() {
    createFunction("cli-listed");

    JsonNode functions = aws("list-functions").get("Functions");

    assertThat(functions).extracting(f -> f.get("FunctionName").asText()).contains("cli-listed");
  }

  @Test
  void addPermissionGetPolicyRemovePermission_recordThePolicy() {
    createFunction("cli-permitted");

    aws(
        "add-permission",
        "--function-name",
        "cli-permitted",
        "--statement-id",
        "apigateway",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com");
    JsonNode policy =
        json(aws("get-policy", "--function-name", "cli-permitted").get("Policy").asText());
    aws("remove-permission", "--function-name", "cli-permitted", "--statement-id", "apigateway");

    assertThat(policy.get("Statement").get(0).get("Sid").asText()).isEqualTo("apigateway");
    Result missing = run("get-policy", "--function-name", "cli-permitted");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("ResourceNotFoundException");
  }

  @Test
  void createEventSourceMapping_sqsQueue_consumesItsMessagesAndIsListed() {
    createFunction("cli-consumer");
    String queueUrl =
        sqs.client().createQueue(request -> request.queueName("cli-queue")).queueUrl();
    String arn =
        sqs.client()
            .getQueueAttributes(
                request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sqs.client().sendMessage(request -> request.queueUrl(queueUrl).messageBody("{\"n\":1}"));

    JsonNode created =
        aws(
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
            aws("list-event-source-mappings", "--function-name", "cli-consumer")
                .get("EventSourceMappings"))
        .extracting(mapping -> mapping.get("UUID").asText())
        .containsExactly(created.get("UUID").asText());
  }

  @Test
  void invoke_payloadOver6Mb_answersRequestEntityTooLargeException() throws IOException {
    createFunction("cli-large");
    Path payload = scratch.resolve("large.json");
    Files.writeString(payload, "\"" + "a".repeat(6 * 1024 * 1024 + 10) + "\"");

    Result result =
        run(
            "invoke",
            "--function-name",
            "cli-large",
            "--payload",
            "fileb://" + payload,
            scratch.resolve("large-out.json").toString());

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr())
        .contains("RequestEntityTooLargeException", "Request must be smaller than 6291456 bytes");
  }

  @Test
  void deleteFunction_thenGetFunction_answersResourceNotFound() {
    createFunction("cli-deleted");

    aws("delete-function", "--function-name", "cli-deleted");

    Result result = run("get-function", "--function-name", "cli-deleted");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("ResourceNotFoundException");
  }
}
