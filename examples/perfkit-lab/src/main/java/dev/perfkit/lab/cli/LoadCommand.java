package dev.perfkit.lab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.lab.stack.LabStack;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** {@code perfkit-lab load}: the lab's Task 4.2 load test, through the load tester function. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Invoke the load tester function as the lab's Task 4.2 does (aws lambda invoke "
          + "--function-name USER-load-tester) and print its load_test_results: counts, "
          + "requests per second, p50 to p99.9.",
      "Against the local lab (--endpoint-url, as perfkit-lab serve prints it) or AWS "
          + "(--region)."
    })
final class LoadCommand implements Callable<Integer> {

  private static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_LAMBDA";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Mixin UsernameOption user;

  @Mixin ServiceEndpoint endpoint;

  @Option(
      names = "--function",
      paramLabel = "NAME",
      description = "The load tester function (default: USER-load-tester).")
  String function;

  @Option(
      names = "--target",
      paramLabel = "FUNCTION",
      description = "The function it drives (default: USER-performance-function:prod).")
  String target;

  @Option(
      names = "--concurrent",
      paramLabel = "N",
      defaultValue = "20",
      description = "concurrentRequests (default: ${DEFAULT-VALUE}, the lab's).")
  int concurrent;

  @Option(
      names = "--total",
      paramLabel = "N",
      defaultValue = "100",
      description = "totalRequests (default: ${DEFAULT-VALUE}, the lab's).")
  int total;

  @Option(
      names = "--payload",
      paramLabel = "JSON",
      defaultValue = "{\"operation\": \"default\"}",
      description = "testPayload, a JSON object (default: ${DEFAULT-VALUE}).")
  String payload;

  @Override
  public Integer call() {
    JsonNode testPayload = checkInput();
    LabStack stack = LabStack.builder(user.username).build();
    String loadTester = function != null ? function : stack.loadTester().name();
    String targetFunction =
        target != null ? target : stack.performanceFunction().name() + ":" + LabStack.ALIAS;
    String body =
        JSON.createObjectNode()
            .put("concurrentRequests", concurrent)
            .put("totalRequests", total)
            .put("targetFunction", targetFunction)
            .set("testPayload", testPayload)
            .toString();
    String event = JSON.createObjectNode().put("body", body).toString();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Environment clientEnvironment = endpoint.clients(ENDPOINT_VARIABLE);
    err.println(
        "perfkit-lab load: "
            + loadTester
            + " at "
            + endpoint.describe(ENDPOINT_VARIABLE)
            + " drives "
            + targetFunction
            + ": "
            + total
            + " requests, "
            + concurrent
            + " at once");
    err.flush();
    InvokeResponse response;
    try (ClientRegistry clients =
        ClientRegistry.builder(clientEnvironment).responseTimeout(Duration.ofMinutes(16)).build()) {
      response =
          clients
              .client(LambdaClient.class)
              .invoke(
                  request ->
                      request.functionName(loadTester).payload(SdkBytes.fromUtf8String(event)));
    } catch (SdkException e) {
      err.println("perfkit-lab load: invoking " + loadTester + " failed: " + e.getMessage());
      return 1;
    }
    String answer = response.payload().asUtf8String();
    if (response.functionError() != null) {
      err.println(
          "perfkit-lab load: "
              + loadTester
              + " failed ("
              + response.functionError()
              + "): "
              + answer);
      return 1;
    }
    JsonNode envelope = read(answer);
    JsonNode results = read(envelope.path("body").asText()).path("load_test_results");
    if (envelope.path("statusCode").asInt() != 200 || results.isMissingNode()) {
      err.println(
          "perfkit-lab load: "
              + loadTester
              + " answered "
              + envelope.path("statusCode").asText("no status")
              + ": "
              + envelope.path("body").asText(answer));
      return 1;
    }
    try {
      out.println(JSON.writeValueAsString(results));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("load_test_results cannot be printed", e);
    }
    out.flush();
    return 0;
  }

  private JsonNode checkInput() {
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "--payload must be a JSON object, e.g. {\"operation\":"
              + " \"cpu_intensive\", \"iterations\": 5000}: "
              + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "--payload must be a JSON object, e.g."
              + " {\"operation\": \"default\"}, was "
              + payload);
    }
    if (concurrent < 1 || concurrent > 1000) {
      throw new IllegalArgumentException("--concurrent must be 1 to 1000, was " + concurrent);
    }
    if (total < 1 || total > 1_000_000) {
      throw new IllegalArgumentException("--total must be 1 to 1000000, was " + total);
    }
    return node;
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.missingNode();
    }
  }
}
