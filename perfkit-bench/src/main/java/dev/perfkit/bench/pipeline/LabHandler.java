package dev.perfkit.bench.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.bench.LabMetricDocument;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's {@code lambda_handler} (performance_function.py) ported to Java the straightforward
 * way: a {@code new ObjectMapper()} per invocation where the Python calls the {@code json} module,
 * maps for its dicts, one EMF document printed per metric by {@code put_custom_metric}, and the
 * host's memory in use ({@code psutil.virtual_memory().percent}) read on every invocation.
 *
 * <p>Only {@code cpu_intensive} is ported: the pipeline benchmark times the handler around a
 * trivial operation. Any other operation fails inside the handler's {@code try}, which answers a
 * 500 with an {@code Errors} metric as the lab's {@code except} does.
 */
final class LabHandler
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  private final PrintStream out;
  private boolean initialized;

  /** A handler printing its EMF documents to {@code out}, as the lab's {@code print} does. */
  LabHandler(PrintStream out) {
    this.out = out;
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    ObjectMapper mapper = new ObjectMapper();
    long startTime = System.nanoTime();

    boolean isColdStart = !initialized;
    if (isColdStart) {
      initialized = true;
      putCustomMetric(
          mapper, "ColdStarts", 1, "Count", Map.of("FunctionName", context.getFunctionName()));
    }

    Map<String, String> dimensions = new LinkedHashMap<>();
    try {
      String text = event.getBody() == null ? "{}" : event.getBody();
      Map<String, Object> body = mapper.readValue(text, new TypeReference<>() {});
      String operation = (String) body.getOrDefault("operation", "default");

      dimensions.put("FunctionName", context.getFunctionName());
      dimensions.put("Operation", operation);
      dimensions.put("ColdStart", isColdStart ? "True" : "False");
      dimensions.put("MemorySize", String.valueOf(context.getMemoryLimitInMB()));

      Map<String, Object> result;
      if (operation.equals("cpu_intensive")) {
        int iterations = ((Number) body.getOrDefault("iterations", 1000)).intValue();
        result = handleCpuIntensiveTask(mapper, iterations, dimensions);
      } else {
        throw new UnsupportedOperationException("operation " + operation + " is not ported");
      }

      double executionTime = (System.nanoTime() - startTime) / 1_000_000.0;
      int remainingTime = context.getRemainingTimeInMillis();

      putCustomMetric(mapper, "ExecutionTime", executionTime, "Milliseconds", dimensions);
      putCustomMetric(mapper, "RemainingTime", remainingTime, "Milliseconds", dimensions);
      putCustomMetric(mapper, "MemoryUtilization", HostMemory.percentUsed(), "Percent", dimensions);

      Map<String, Object> performance = new LinkedHashMap<>();
      performance.put("execution_time_ms", executionTime);
      performance.put("remaining_time_ms", remainingTime);
      performance.put("cold_start", isColdStart);
      performance.put("memory_limit_mb", context.getMemoryLimitInMB());
      Map<String, Object> responseBody = new LinkedHashMap<>();
      responseBody.put("result", result);
      responseBody.put("performance", performance);
      APIGatewayProxyResponseEvent response =
          new APIGatewayProxyResponseEvent()
              .withStatusCode(200)
              .withHeaders(Map.of("Content-Type", "application/json"))
              .withBody(mapper.writeValueAsString(responseBody));

      putCustomMetric(mapper, "SuccessfulInvocations", 1, "Count", dimensions);
      return response;
    } catch (Exception e) {
      Map<String, String> errorDimensions = new LinkedHashMap<>(dimensions);
      errorDimensions.put("ErrorType", e.getClass().getSimpleName());
      putCustomMetric(mapper, "Errors", 1, "Count", errorDimensions);

      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", String.valueOf(e.getMessage()));
      error.put("execution_time_ms", (System.nanoTime() - startTime) / 1_000_000.0);
      return new APIGatewayProxyResponseEvent()
          .withStatusCode(500)
          .withHeaders(Map.of("Content-Type", "application/json"))
          .withBody(json(mapper, error));
    }
  }

  private Map<String, Object> handleCpuIntensiveTask(
      ObjectMapper mapper, int iterations, Map<String, String> dimensions) {
    long startTime = System.nanoTime();

    long result = 0;
    for (long i = 0; i < iterations; i++) {
      result += i * i;
    }

    double cpuTime = (System.nanoTime() - startTime) / 1_000_000.0;
    putCustomMetric(mapper, "CPUIntensiveTime", cpuTime, "Milliseconds", dimensions);

    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("operation", "cpu_intensive");
    answer.put("iterations", iterations);
    answer.put("result", result);
    answer.put("cpu_time_ms", cpuTime);
    answer.put("operations_per_second", cpuTime > 0 ? iterations / (cpuTime / 1000) : 0);
    return answer;
  }

  private void putCustomMetric(
      ObjectMapper mapper,
      String metricName,
      Number value,
      String unit,
      Map<String, String> dimensions) {
    Map<String, Object> emfLog = LabMetricDocument.of(metricName, value, unit, dimensions);
    out.println(json(mapper, emfLog));
  }

  private static String json(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers could not be serialised", e);
    }
  }
}
