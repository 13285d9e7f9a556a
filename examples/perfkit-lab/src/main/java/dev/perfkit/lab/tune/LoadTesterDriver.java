package dev.perfkit.lab.tune;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.load.LoadReport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Drives the function through the lab's LoadTester function, invoked as the lab does ({@code
 * {"body": "{\"concurrentRequests\": C, \"totalRequests\": N, \"targetFunction\": NAME,
 * \"testPayload\": PAYLOAD}"}}), and reads its {@code load_test_results}. Its latencies are round
 * trips from the load tester: the function's duration plus the invoke's overhead.
 */
final class LoadTesterDriver implements Driver {

  private final LambdaClient lambda;
  private final String loadTester;
  private final SdkBytes event;
  private final long invocations;
  private final ObjectMapper mapper;

  LoadTesterDriver(
      LambdaClient lambda,
      String loadTester,
      String function,
      JsonNode payload,
      long invocations,
      int concurrency,
      ObjectMapper mapper) {
    this.lambda = lambda;
    this.loadTester = loadTester;
    this.invocations = invocations;
    this.mapper = mapper;
    ObjectNode body =
        mapper
            .createObjectNode()
            .put("concurrentRequests", concurrency)
            .put("totalRequests", invocations)
            .put("targetFunction", function);
    body.set("testPayload", payload);
    this.event =
        SdkBytes.fromUtf8String(mapper.createObjectNode().put("body", body.toString()).toString());
  }

  @Override
  public String durationSource() {
    return "round trips measured by the load tester "
        + loadTester
        + " (the function's duration plus the invoke's overhead)";
  }

  @Override
  public SizeResult measure(int memoryMb, TuningListener listener) {
    listener.progress(memoryMb, 0, invocations);
    InvokeResponse response =
        lambda.invoke(
            request ->
                request
                    .functionName(loadTester)
                    .invocationType(InvocationType.REQUEST_RESPONSE)
                    .payload(event)
                    .overrideConfiguration(o -> o.addPlugin(InvokeDetails.NO_RETRIES)));
    JsonNode answer = read(response.payload().asUtf8String(), "its answer");
    if (response.functionError() != null) {
      throw new IllegalStateException(
          "the load tester "
              + loadTester
              + " failed ("
              + response.functionError()
              + "): "
              + InvokeDetails.detail(answer, "errorType", "errorMessage"));
    }
    JsonNode body =
        answer.path("body").isTextual()
            ? read(answer.path("body").textValue(), "the body of its answer")
            : mapper.createObjectNode();
    int status = answer.path("statusCode").asInt();
    if (status != 200 || !body.has("load_test_results")) {
      throw new IllegalStateException(
          "the load tester "
              + loadTester
              + " answered statusCode "
              + status
              + ": "
              + InvokeDetails.detail(body, "error_type", "error"));
    }
    LoadReport report;
    try {
      report = mapper.treeToValue(body.get("load_test_results"), LoadReport.class);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the load tester "
              + loadTester
              + " answered load_test_results that are not a load report: "
              + e.getMessage(),
          e);
    }
    listener.progress(memoryMb, report.totalRequests(), invocations);
    Histogram latencies = report.latencies();
    String firstError = report.errors().isEmpty() ? null : report.errors().get(0).error();
    return SizeResult.of(
        memoryMb,
        latencies,
        billedMsSum(latencies),
        report.failedRequests(),
        report.throttledRequests(),
        null,
        firstError);
  }

  /** Each latency rounded up to the millisecond, as Lambda bills, summed. */
  static long billedMsSum(Histogram micros) {
    long sum = 0;
    for (HistogramIterationValue value : micros.recordedValues()) {
      long ms = (value.getValueIteratedTo() + 999) / 1000;
      sum += ms * value.getCountAtValueIteratedTo();
    }
    return sum;
  }

  private JsonNode read(String text, String what) {
    try {
      return mapper.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalStateException(
          "the load tester "
              + loadTester
              + " answered with "
              + what
              + " not JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }
}
