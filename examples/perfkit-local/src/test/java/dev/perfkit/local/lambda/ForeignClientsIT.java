package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static dev.perfkit.local.testing.ExternalTools.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.local.testing.ExternalTools.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients we did not write, the AWS CLI and boto3, against the local Lambda unchanged. */
class ForeignClientsIT {

  private static LocalLambda lambda;

  @TempDir static Path scratch;

  @BeforeAll
  static void start() throws IOException {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    lambda.deploy(probe("foreign").build());
  }

  @AfterAll
  static void stop() {
    lambda.close();
  }

  @Test
  void awsCliInvoke_answersStatusLogAndPayload() throws Exception {
    RequiredTool.require(
        "the AWS CLI v1 ('aws')", RequiredTool.runs("aws", "--version"), "pip install awscli");
    Path event = Files.writeString(scratch.resolve("event.json"), "{\"print\":\"from the cli\"}");
    Path out = scratch.resolve("out.json");

    Result result =
        run(
            Map.of(),
            List.of(
                "aws",
                "lambda",
                "invoke",
                "--endpoint-url",
                lambda.endpoint().toString(),
                "--function-name",
                "foreign",
                "--payload",
                "fileb://" + event,
                "--log-type",
                "Tail",
                out.toString()));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    JsonNode answer = json(result.stdout());
    assertThat(answer.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(answer.get("ExecutedVersion").asText()).isEqualTo("$LATEST");
    assertThat(
            new String(
                Base64.getDecoder().decode(answer.get("LogResult").asText()),
                StandardCharsets.UTF_8))
        .contains("from the cli");
    assertThat(json(Files.readString(out)).get("function_name").asText()).isEqualTo("foreign");
  }

  @Test
  void boto3Invoke_answersPayloadFunctionErrorAndNotFound() throws Exception {
    RequiredTool.require(
        "python3 with boto3",
        RequiredTool.runs("python3", "-c", "import boto3"),
        "pip install boto3");
    String script =
        String.join(
            "\n",
            "import json, sys, boto3",
            "client = boto3.client('lambda', endpoint_url=sys.argv[1], region_name='us-east-1')",
            "ok = client.invoke(FunctionName='foreign', Payload=b'{}')",
            "failed = client.invoke(FunctionName='foreign', Payload=b'{\"fail\": \"from boto3\"}')",
            "try:",
            "    client.invoke(FunctionName='missing', Payload=b'{}')",
            "    missing = 'no error'",
            "except client.exceptions.ResourceNotFoundException as e:",
            "    missing = e.response['Error']['Code']",
            "print(json.dumps({",
            "    'status': ok['StatusCode'],",
            "    'payload': json.loads(ok['Payload'].read()),",
            "    'function_error': failed.get('FunctionError'),",
            "    'error': json.loads(failed['Payload'].read()),",
            "    'missing': missing}))");

    Result result = run(Map.of(), List.of("python3", "-c", script, lambda.endpoint().toString()));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    JsonNode answer = json(result.stdout());
    assertThat(answer.get("status").asInt()).isEqualTo(200);
    assertThat(answer.get("payload").get("function_name").asText()).isEqualTo("foreign");
    assertThat(answer.get("function_error").asText()).isEqualTo("Unhandled");
    assertThat(answer.get("error").get("errorMessage").asText()).isEqualTo("from boto3");
    assertThat(answer.get("missing").asText()).isEqualTo("ResourceNotFoundException");
  }
}
