package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.local.testing.ExternalTools.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's function commands with the AWS CLI v1 ({@code aws --endpoint-url ... lambda ...}),
 * unchanged, against the local Lambda: Task 1's create-function, updates of configuration and code
 * with the CLI's waiters, listing, permissions, invoke and delete.
 */
class LambdaCliIT {

  private static LocalLambda lambda;
  private static LambdaCli cli;
  private static byte[] jar;
  private static Path functionJar;

  @TempDir static Path scratch;

  @BeforeAll
  static void start() throws IOException {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    cli = new LambdaCli(lambda.endpoint());
    jar = DeploymentPackages.jarOf(ProbeHandler.class);
    functionJar = DeploymentPackages.write(scratch, "function.jar", jar);
  }

  @AfterAll
  static void stop() {
    lambda.close();
  }

  @BeforeEach
  void requireCli() {
    LambdaCli.require();
  }

  @Test
  void createFunction_thenWaitFunctionActiveV2_getFunctionReportsWhatWasCreated() throws Exception {
    cli.createFunction("cli-created", functionJar);
    cli.aws("wait", "function-active-v2", "--function-name", "cli-created");

    JsonNode configuration =
        cli.aws("get-function", "--function-name", "cli-created").get("Configuration");

    assertThat(configuration.get("State").asText()).isEqualTo("Active");
    assertThat(configuration.get("Runtime").asText()).isEqualTo("java21");
    assertThat(configuration.get("Role").asText()).isEqualTo(LambdaCli.ROLE);
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
    cli.createFunction("cli-updated", functionJar);

    JsonNode updated =
        cli.aws(
            "update-function-configuration",
            "--function-name",
            "cli-updated",
            "--description",
            "tuned",
            "--memory-size",
            "512");
    cli.aws("wait", "function-updated-v2", "--function-name", "cli-updated");

    assertThat(updated.get("LastUpdateStatus").asText()).isEqualTo("InProgress");
    JsonNode configuration =
        cli.aws("get-function-configuration", "--function-name", "cli-updated");
    assertThat(configuration.get("Description").asText()).isEqualTo("tuned");
    assertThat(configuration.get("MemorySize").asInt()).isEqualTo(512);
    assertThat(configuration.get("LastUpdateStatus").asText()).isEqualTo("Successful");
  }

  @Test
  void updateFunctionCode_thenWaitFunctionUpdatedV2_reportsTheNewPackage() throws Exception {
    cli.createFunction("cli-recoded", functionJar);
    byte[] second = DeploymentPackages.jarOf(ProbeHandler.class, UppercaseStreamHandler.class);
    Path secondJar = DeploymentPackages.write(scratch, "second.jar", second);

    JsonNode updated =
        cli.aws(
            "update-function-code",
            "--function-name",
            "cli-recoded",
            "--zip-file",
            "fileb://" + secondJar);
    cli.aws("wait", "function-updated-v2", "--function-name", "cli-recoded");

    assertThat(updated.get("LastUpdateStatus").asText()).isEqualTo("InProgress");
    JsonNode configuration =
        cli.aws("get-function-configuration", "--function-name", "cli-recoded");
    assertThat(configuration.get("CodeSha256").asText())
        .isEqualTo(
            Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(second)));
    assertThat(configuration.get("CodeSize").asLong()).isEqualTo(second.length);
  }

  @Test
  void listFunctions_answersEveryFunction() {
    cli.createFunction("cli-listed", functionJar);

    JsonNode functions = cli.aws("list-functions").get("Functions");

    assertThat(functions).extracting(f -> f.get("FunctionName").asText()).contains("cli-listed");
  }

  @Test
  void addPermissionGetPolicyRemovePermission_recordThePolicy() {
    cli.createFunction("cli-permitted", functionJar);

    cli.aws(
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
        json(cli.aws("get-policy", "--function-name", "cli-permitted").get("Policy").asText());
    cli.aws(
        "remove-permission", "--function-name", "cli-permitted", "--statement-id", "apigateway");

    assertThat(policy.get("Statement").get(0).get("Sid").asText()).isEqualTo("apigateway");
    Result missing = cli.run("get-policy", "--function-name", "cli-permitted");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("ResourceNotFoundException");
  }

  @Test
  void invoke_payloadOver6Mb_answersRequestEntityTooLargeException() throws IOException {
    cli.createFunction("cli-large", functionJar);
    Path payload = scratch.resolve("large.json");
    Files.writeString(payload, "\"" + "a".repeat(6 * 1024 * 1024 + 10) + "\"");

    Result result =
        cli.run(
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
    cli.createFunction("cli-deleted", functionJar);

    cli.aws("delete-function", "--function-name", "cli-deleted");

    Result result = cli.run("get-function", "--function-name", "cli-deleted");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("ResourceNotFoundException");
  }
}
