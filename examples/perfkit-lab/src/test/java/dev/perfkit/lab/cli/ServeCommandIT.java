package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.lab.local.LabTestSupport;
import dev.perfkit.local.testing.SharedTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code perfkit-lab serve} started as a user starts it, in a JVM of its own, and the commands it
 * prints run against it: the AWS CLI's when installed, the curl lines through the JDK's HttpClient.
 * One serve for the class, at scale 0.1.
 */
class ServeCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static ServeProcess serve;

  @TempDir Path scratch;

  @BeforeAll
  static void startServe() throws Exception {
    serve = ServeProcess.start("--username", "servetest", "--scale", "0.1");
  }

  @AfterAll
  static void stopServe() {
    if (serve != null) {
      serve.close();
    }
  }

  @Test
  void printedAwsLambdaInvoke_answersFromTheProvisionedEnvironment() throws Exception {
    String version = awsCliVersion();
    List<String> invokes = serve.linesStartingWith("aws lambda invoke --endpoint-url");
    assertThat(invokes).hasSize(2);
    String invoke = invokes.get(0);
    assertThat(invoke)
        .contains("--function-name servetest-performance-function --qualifier prod")
        .contains(ServeInstructions.CLI_V2_FLAG);
    // As the printed note says, AWS CLI v1 has no --cli-binary-format and sends text as is.
    String command =
        version.startsWith("aws-cli/1.")
            ? invoke.replace(" " + ServeInstructions.CLI_V2_FLAG, "")
            : invoke;

    CommandResult result = shell(serve.line("export AWS_ACCESS_KEY_ID=") + "; " + command);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(JSON.readTree(result.output()).get("StatusCode").asInt()).isEqualTo(200);
    JsonNode body =
        JSON.readTree(
            JSON.readTree(Files.readString(scratch.resolve("out.json"))).get("body").asText());
    assertThat(body.at("/result/operation").asText()).isEqualTo("cpu_intensive");
    assertThat(body.at("/performance/cold_start").asBoolean()).isFalse();
    assertThat(body.at("/performance/init_type").asText()).isEqualTo("provisioned-concurrency");
  }

  @Test
  void sdkLambdaClient_invokesThePrintedLoadTestAtThePrintedEndpoint() throws Exception {
    URI endpoint = URI.create(ShellWords.split(serve.line("Lambda (Invoke API)")).get(3));
    List<String> loadTest =
        ShellWords.split(serve.linesStartingWith("aws lambda invoke --endpoint-url").get(1));
    String function = loadTest.get(loadTest.indexOf("--function-name") + 1);
    String payload = loadTest.get(loadTest.indexOf("--payload") + 1);
    try (LambdaClient lambda = LabTestSupport.lambdaClient(endpoint)) {
      InvokeResponse response =
          lambda.invoke(
              request -> request.functionName(function).payload(SdkBytes.fromUtf8String(payload)));

      assertThat(response.functionError()).isNull();
      JsonNode body =
          JSON.readTree(JSON.readTree(response.payload().asUtf8String()).get("body").asText());
      assertThat(function).isEqualTo("servetest-load-tester");
      assertThat(body.at("/load_test_results/total_requests").asInt()).isEqualTo(50);
      assertThat(body.at("/load_test_results/successful_requests").asInt())
          .as(body.toString())
          .isEqualTo(50);
    }
  }

  @Test
  void printedTask41Curls_answerEachOperationThroughTheStage() throws Exception {
    List<String> curls = serve.linesStartingWith("curl -X POST");
    assertThat(curls).hasSize(4);

    for (String curl : curls) {
      Curl request = Curl.parse(curl);
      HttpResponse<String> response =
          HTTP.send(request.toRequest(), HttpResponse.BodyHandlers.ofString());

      String operation = JSON.readTree(request.body()).get("operation").asText();
      if (curl.contains("# 500")) {
        assertThat(response.statusCode()).as(curl).isEqualTo(500);
      } else {
        assertThat(response.statusCode()).as("%s -> %s", curl, response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/result/operation").asText())
            .isEqualTo(operation);
      }
    }
    assertThat(curls)
        .extracting(c -> JSON.readTree(Curl.parse(c).body()).get("operation").asText())
        .containsExactly("default", "concurrent_processing", "database_batch", "cpu_intensive");
  }

  @Test
  void printedGetCurl_isAMissThenAHit() throws Exception {
    Curl get = Curl.parse(serve.line("curl -i -H"));

    HttpResponse<String> first = HTTP.send(get.toRequest(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> second = HTTP.send(get.toRequest(), HttpResponse.BodyHandlers.ofString());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-Cache")).hasValue("Miss");
    assertThat(second.headers().firstValue("X-Cache")).hasValue("Hit");
    assertThat(second.body()).isEqualTo(first.body());
  }

  @Test
  void printedSqsSendMessage_reachesTheSqsFunction() throws Exception {
    awsCliVersion();
    CommandResult result =
        shell(
            serve.line("export AWS_ACCESS_KEY_ID=")
                + "; "
                + serve.line("aws sqs send-message --endpoint-url"));
    assertThat(result.exitCode()).as(result.output()).isZero();
    Path logs =
        Path.of(
            serve
                .line("logs, one file per execution environment:")
                .substring("logs, one file per execution environment:".length())
                .strip());

    assertThat(
            SharedTestSupport.eventually(
                Duration.ofSeconds(60), () -> logsContain(logs, "Processed message: hello")))
        .as("the SQS function logged the message; serve printed:%n%s", serve.output())
        .isTrue();
  }

  @Test
  void sdkCloudWatchClient_atThePrintedEndpoint_findsTheEmfOfAnInvocationByFunctionAndOperation()
      throws Exception {
    URI lambdaEndpoint = URI.create(ShellWords.split(serve.line("Lambda (Invoke API)")).get(3));
    URI cloudWatchEndpoint = printedCloudWatch();
    String function = "servetest-performance-function";
    try (LambdaClient lambda = LabTestSupport.lambdaClient(lambdaEndpoint);
        CloudWatchClient cloudWatch =
            CloudWatchClient.builder()
                .endpointOverride(cloudWatchEndpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
      InvokeResponse response =
          lambda.invoke(
              request ->
                  request
                      .functionName(function)
                      .qualifier("prod")
                      .payload(
                          SdkBytes.fromUtf8String(
                              "{\"body\": \"{\\\"operation\\\":"
                                  + " \\\"concurrent_processing\\\", \\\"concurrency\\\": 2}\"}")));
      assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();

      Dimension byFunction = dimension("FunctionName", function);
      Dimension byOperation = dimension("Operation", "concurrent_processing");
      assertThat(
              SharedTestSupport.eventually(
                  Duration.ofSeconds(30),
                  () -> successfulInvocations(cloudWatch, byFunction, byOperation) >= 1))
          .as(
              "SuccessfulInvocations by FunctionName and Operation; serve printed:%n%s",
              serve.output())
          .isTrue();
      assertThat(successfulInvocations(cloudWatch, byFunction)).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void printedGetMetricStatistics_answersThePerformanceFunctionsInvocations() throws Exception {
    awsCliVersion();
    HttpResponse<String> get =
        HTTP.send(
            Curl.parse(serve.line("curl -i -H")).toRequest(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);

    CommandResult result =
        shell(
            serve.line("export AWS_ACCESS_KEY_ID=")
                + "; "
                + serve.line("aws cloudwatch get-metric-statistics --endpoint-url"));

    assertThat(result.exitCode()).as(result.output()).isZero();
    JsonNode datapoints = JSON.readTree(result.output()).get("Datapoints");
    assertThat(datapoints).as(result.output()).isNotEmpty();
    double invocations = 0;
    for (JsonNode datapoint : datapoints) {
      invocations += datapoint.get("Sum").asDouble();
    }
    assertThat(invocations).as(result.output()).isGreaterThanOrEqualTo(1);
  }

  private static URI printedCloudWatch() {
    return URI.create(serve.line("CloudWatch ").split("\\s+")[1]);
  }

  private static double successfulInvocations(
      CloudWatchClient cloudWatch, Dimension... dimensions) {
    Instant now = Instant.now();
    return cloudWatch
        .getMetricStatistics(
            request ->
                request
                    .namespace("HighPerformance")
                    .metricName("SuccessfulInvocations")
                    .dimensions(dimensions)
                    .startTime(now.minus(Duration.ofMinutes(30)))
                    .endTime(now.plus(Duration.ofMinutes(1)))
                    .period(1860)
                    .statistics(Statistic.SUM))
        .datapoints()
        .stream()
        .mapToDouble(Datapoint::sum)
        .sum();
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  private static String awsCliVersion() throws Exception {
    CommandResult version;
    try {
      version = run(List.of("aws", "--version"), Path.of("."));
    } catch (IOException e) {
      version = new CommandResult(-1, e.getMessage());
    }
    RequiredTool.require("the AWS CLI v1 ('aws')", version.exitCode() == 0, "pip install awscli");
    return version.output().strip();
  }

  private CommandResult shell(String line) throws Exception {
    return run(List.of("bash", "-c", line), scratch);
  }

  private static CommandResult run(List<String> command, Path directory) throws Exception {
    Path none = Files.createTempFile("no-aws-config", ".ini");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().put("AWS_CONFIG_FILE", none.toString());
    builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", none.toString());
    builder.environment().put("AWS_PAGER", "");
    builder.environment().remove("AWS_PROFILE");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish within 2 minutes: " + output);
    }
    Files.delete(none);
    return new CommandResult(process.exitValue(), output);
  }

  private static boolean logsContain(Path directory, String text) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (Files.readString(file).contains(text)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private record CommandResult(int exitCode, String output) {}

  /** A printed curl line: method, URL, headers and body, sent with the JDK's HttpClient. */
  private record Curl(String method, URI url, List<String[]> headers, String body) {

    static Curl parse(String line) {
      List<String> words = ShellWords.split(line);
      String method = "GET";
      URI url = null;
      List<String[]> headers = new ArrayList<>();
      String body = null;
      for (int i = 1; i < words.size(); i++) {
        switch (words.get(i)) {
          case "-X" -> method = words.get(++i);
          case "-H" -> {
            String header = words.get(++i);
            int colon = header.indexOf(':');
            headers.add(
                new String[] {
                  header.substring(0, colon).strip(), header.substring(colon + 1).strip()
                });
          }
          case "-d" -> body = words.get(++i);
          case "-i" -> {}
          default -> url = URI.create(words.get(i));
        }
      }
      return new Curl(method, url, headers, body);
    }

    HttpRequest toRequest() {
      HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(2));
      headers.forEach(header -> request.header(header[0], header[1]));
      return request
          .method(
              method,
              body == null
                  ? HttpRequest.BodyPublishers.noBody()
                  : HttpRequest.BodyPublishers.ofString(body))
          .build();
    }
  }
}
