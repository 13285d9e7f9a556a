package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.lab.local.LabTestSupport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The lab's CLI steps ({@value ServicesInstructions#SCRIPT}) run with the AWS CLI, as a user runs
 * them, against {@code perfkit-lab serve --no-functions} in a JVM of its own, with the variables
 * serve printed. What they created is then read back through the Java SDK.
 */
class LabCliStepsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "clisteps";
  private static final String PERFORMANCE = USER + "-performance-function";
  private static final String SCALER = USER + "-sqs-scaler";

  @TempDir static Path scratch;

  private static ServeProcess serve;
  private static int exitCode;
  private static String output;

  @BeforeAll
  static void serveAndRunTheSteps() throws Exception {
    RequiredTool.require(
        "the AWS CLI v1 ('aws')", RequiredTool.runs("aws", "--version"), "pip install awscli");
    serve = ServeProcess.start("--username", USER, "--no-functions");
    Path script = Path.of(ServicesInstructions.SCRIPT.replace("examples/perfkit-lab/", ""));
    assertThat(script).as("the script, from perfkit-lab's module directory").isRegularFile();
    String exports =
        String.join("; ", serve.linesStartingWith("export "))
            + "; export PROVISIONED_CONCURRENCY=1 MESSAGE_COUNT=25";
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                "-c",
                exports + "; bash \"$0\" \"$1\"",
                script.toAbsolutePath().toString(),
                LabTestSupport.handlersJar().toString())
            .directory(scratch.toFile())
            .redirectErrorStream(true);
    Path none = Files.createFile(scratch.resolve("no-aws-config.ini"));
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    builder
        .environment()
        .putAll(
            Map.of(
                "AWS_CONFIG_FILE", none.toString(),
                "AWS_SHARED_CREDENTIALS_FILE", none.toString(),
                "AWS_PAGER", ""));
    Process process = builder.start();
    output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the lab's CLI steps did not finish in 10 minutes:\n" + output);
    }
    exitCode = process.exitValue();
  }

  @AfterAll
  static void stopServe() {
    if (serve != null) {
      serve.close();
    }
  }

  @Test
  void steps_runToTheEnd() {
    assertThat(exitCode).as("exit code; the steps printed:%n%s", output).isZero();
    assertThat(output).contains("the queue is empty: every message was consumed");
  }

  @Test
  void prodInvocation_isServedByAProvisionedEnvironment() throws IOException {
    JsonNode answer = JSON.readTree(scratch.resolve("prod-invoke.json").toFile());
    JsonNode body = JSON.readTree(answer.get("body").asText());

    assertThat(body.at("/result/operation").asText()).isEqualTo("cpu_intensive");
    assertThat(body.at("/performance/cold_start").asBoolean()).isFalse();
    assertThat(body.at("/performance/init_type").asText()).isEqualTo("provisioned-concurrency");
  }

  @Test
  void aliasProd_pointsAtThePublishedVersion_withProvisionedConcurrencyReady() {
    try (LambdaClient lambda = lambda()) {
      assertThat(
              lambda
                  .getAlias(request -> request.functionName(PERFORMANCE).name("prod"))
                  .functionVersion())
          .isEqualTo("1");
      assertThat(
              lambda
                  .getProvisionedConcurrencyConfig(
                      request -> request.functionName(PERFORMANCE).qualifier("prod"))
                  .status())
          .isEqualTo(ProvisionedConcurrencyStatusEnum.READY);
    }
  }

  @Test
  void reservedConcurrency_isTheLabsOnBothFunctions() {
    try (LambdaClient lambda = lambda()) {
      assertThat(List.of(PERFORMANCE, SCALER))
          .extracting(
              name ->
                  lambda
                      .getFunctionConcurrency(request -> request.functionName(name))
                      .reservedConcurrentExecutions())
          .containsExactly(50, 100);
    }
  }

  @Test
  void eventSourceMapping_hasTheLabsSettings() {
    try (LambdaClient lambda = lambda()) {
      List<EventSourceMappingConfiguration> mappings =
          lambda
              .listEventSourceMappings(request -> request.functionName(SCALER))
              .eventSourceMappings();

      assertThat(mappings)
          .singleElement()
          .satisfies(
              mapping -> {
                assertThat(mapping.batchSize()).isEqualTo(10);
                assertThat(mapping.maximumBatchingWindowInSeconds()).isEqualTo(1);
                assertThat(mapping.functionResponseTypesAsStrings())
                    .containsExactly("ReportBatchItemFailures");
                assertThat(mapping.eventSourceArn())
                    .endsWith(":" + USER + "-high-throughput-queue");
              });
    }
  }

  @Test
  void deadLetterQueue_receivedNothing() {
    try (SqsClient sqs = sqs()) {
      String dlq =
          sqs.getQueueUrl(request -> request.queueName(USER + "-high-throughput-queue-dlq"))
              .queueUrl();

      assertThat(
              sqs.getQueueAttributes(
                      request ->
                          request
                              .queueUrl(dlq)
                              .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                  .attributes())
          .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
    }
  }

  private static LambdaClient lambda() {
    return LabTestSupport.lambdaClient(endpoint("AWS_ENDPOINT_URL_LAMBDA"));
  }

  private static SqsClient sqs() {
    return SqsClient.builder()
        .endpointOverride(endpoint("AWS_ENDPOINT_URL_SQS"))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }

  /** The endpoint serve printed in its export line for {@code variable}. */
  private static URI endpoint(String variable) {
    return ShellWords.split(serve.line("export AWS_ACCESS_KEY_ID=")).stream()
        .filter(word -> word.startsWith(variable + "="))
        .map(word -> URI.create(word.substring(variable.length() + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("serve printed no " + variable));
  }
}
