package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.local.testing.ExternalTools;
import dev.perfkit.local.testing.ExternalTools.Result;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The AWS CLI v1's {@code aws lambda} commands, unchanged, against a local Lambda. */
final class LambdaCli {

  static final String ROLE = "arn:aws:iam::000000000000:role/lab-role";
  static final String HANDLER = ProbeHandler.class.getName() + "::handleRequest";

  private final URI endpoint;

  LambdaCli(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** Fails the test unless the CLI is installed (in CI it must be). */
  static void require() {
    RequiredTool.require(
        "the AWS CLI v1 ('aws')", RequiredTool.runs("aws", "--version"), "pip install awscli");
  }

  /** Runs {@code aws --endpoint-url <local> lambda <arguments>}; its JSON answer, if any. */
  JsonNode aws(String... arguments) {
    Result result = run(arguments);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result.stdout().isBlank() ? null : json(result.stdout());
  }

  /** Runs {@code aws --endpoint-url <local> lambda <arguments>}, whatever its exit code. */
  Result run(String... arguments) {
    List<String> command =
        new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "lambda"));
    command.addAll(List.of(arguments));
    return ExternalTools.run(Map.of(), command);
  }

  /** Task 1's create-function of the probe handler, from {@code deploymentPackage}. */
  void createFunction(String name, Path deploymentPackage) {
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
        "fileb://" + deploymentPackage);
  }
}
