package dev.perfkit.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.load.LoadGenerator;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.core.load.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The lab's load tester ({@code load_tester.py}) on perfkit's {@link LoadGenerator}: sends {@code
 * totalRequests} requests to a Lambda function or a URL with {@code concurrentRequests} in flight
 * and answers {@code {"load_test_results": {...}}} (a {@link LoadReport}: the lab's fields plus p50
 * to p99.9, throttles, truncation and the mergeable histogram).
 *
 * <p>Invoked as the lab does, {@code {"body": "{\"concurrentRequests\": 20, \"totalRequests\": 100,
 * \"targetFunction\": \"perf:prod\", \"testPayload\": {\"operation\": \"default\"}}"}}. Body
 * fields:
 *
 * <ul>
 *   <li>{@code targetFunction}: name, {@code name:qualifier} or ARN, invoked synchronously with
 *       {@code {"body": json(testPayload)}} through the registry's {@code LambdaClient} (so {@code
 *       AWS_ENDPOINT_URL_LAMBDA} applies); default {@code PERFKIT_TARGET_FUNCTION};
 *   <li>{@code targetUrl} and {@code headers}: instead, POST {@code json(testPayload)} there;
 *   <li>{@code testPayload}: a JSON object, default {@code {"operation": "default"}};
 *   <li>{@code concurrentRequests} 1 to 1000 (default 10), {@code totalRequests} 1 to 1,000,000
 *       (default 100);
 *   <li>{@code targetRps}: open loop at this rate, latencies from each request's intended start;
 *   <li>{@code workers} 1 to 100: split the test over that many invocations of this function and
 *       merge their histograms; a worker that fails counts its whole share as failed;
 *   <li>{@code budgetMs}: stop starting requests after this long, less the margin below.
 * </ul>
 *
 * <p>It stops before its own deadline (keeping 10% of the remaining time, 2 s to 30 s) and answers
 * what it measured, marked {@code truncated}. Bad input is a 400 naming the field; a refused target
 * (link-local or metadata addresses, the function's own service endpoints, loopback or private
 * addresses at a host:port missing from {@code PERFKIT_ALLOWED_TARGET_HOSTS}, a function missing
 * from {@code PERFKIT_ALLOWED_TARGET_FUNCTIONS}) a 403 {@code TargetRefused} naming the rule; both
 * as {@code {"error", "error_type", "field", "execution_time_ms"}}. It logs one summary line per
 * invocation, never headers, query strings or the environment, and emits no metrics: the report is
 * its output. perfkit-handlers' {@code LoadTester.md} has the details.
 */
public final class LoadTester
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  private final LoadTesterConfig config;
  private final LoadTesterTargetPolicy policy;
  private final ObjectMapper mapper =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  /** What Lambda calls: configured from the process environment, with its own registry. */
  public LoadTester() {
    this(LoadTesterConfig.fromEnvironment(Environment.system()));
  }

  /**
   * A load tester on {@code config}; the caller keeps ownership of its registry.
   *
   * @param config what it runs with
   * @throws IllegalArgumentException when an entry of {@code PERFKIT_ALLOWED_TARGET_HOSTS} is not
   *     {@code host:port}
   */
  public LoadTester(LoadTesterConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.policy = new LoadTesterTargetPolicy(config.environment(), config.resolver());
  }

  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    long startNanos = config.ticker().read();
    try {
      LoadTesterRequest request =
          LoadTesterRequest.parse(body(event), config.environment(), mapper);
      LoadTesterTargetPolicy.CheckedUrl checkedUrl = null;
      if (request.targetFunction() != null) {
        policy.checkFunction(request.targetFunction());
      } else {
        checkedUrl = policy.checkUrl(request.targetUrl());
      }
      LoadReport report = run(request, checkedUrl, deadline(startNanos, request, context), context);
      log(
          context,
          request.describeTarget()
              + ": "
              + report.totalRequests()
              + " requests, "
              + report.successfulRequests()
              + " succeeded, "
              + report.failedRequests()
              + " failed, "
              + report.throttledRequests()
              + " throttled, truncated="
              + report.truncated()
              + ", "
              + Math.round(report.totalTestTimeMs())
              + " ms");
      ObjectNode body = mapper.createObjectNode();
      body.set("load_test_results", mapper.valueToTree(report));
      return response(200, body);
    } catch (LoadTesterException e) {
      log(
          context,
          "load test refused: "
              + e.status()
              + " "
              + e.errorType()
              + (e.field() == null ? "" : " (" + e.field() + ")"));
      return error(e.status(), e.getMessage(), e.errorType(), e.field(), startNanos);
    } catch (RuntimeException e) {
      log(context, "load test failed: " + e);
      return error(
          500,
          "Internal error (" + e.getClass().getSimpleName() + ")",
          e.getClass().getSimpleName(),
          null,
          startNanos);
    }
  }

  /** Runs the test; {@code checkedUrl} is where URL mode connects, null in function mode. */
  private LoadReport run(
      LoadTesterRequest request,
      LoadTesterTargetPolicy.CheckedUrl checkedUrl,
      LoadTesterDeadline deadline,
      Context context) {
    if (deadline.exhausted()) {
      return LoadTesterReports.nothingRun();
    }
    if (request.workers() > 0) {
      return new LoadTesterFanOut(lambdaClient(), mapper, config.threadFactory(), config.ticker())
          .run(self(context), request, deadline);
    }
    LoadGenerator.Builder generator =
        LoadGenerator.builder()
            .totalRequests(request.totalRequests())
            .concurrency(request.concurrentRequests())
            .ticker(config.ticker())
            .threadFactory(config.threadFactory());
    if (request.targetRps() > 0) {
      generator.targetRps(request.targetRps());
    }
    deadline.budget().ifPresent(generator::budget);
    return generator.build().run(target(request, checkedUrl, deadline));
  }

  private Target target(
      LoadTesterRequest request,
      LoadTesterTargetPolicy.CheckedUrl checkedUrl,
      LoadTesterDeadline deadline) {
    String payload = json(request.testPayload());
    if (checkedUrl != null) {
      return new LoadTesterHttpTarget(
          config.registry().http(),
          checkedUrl,
          request.headers(),
          payload.getBytes(StandardCharsets.UTF_8),
          deadline,
          config.ticker());
    }
    String envelope = json(mapper.createObjectNode().put("body", payload));
    return new LoadTesterLambdaTarget(
        lambdaClient(),
        request.targetFunction(),
        SdkBytes.fromUtf8String(envelope),
        deadline,
        config.ticker(),
        mapper);
  }

  private LambdaClient lambdaClient() {
    try {
      return config.registry().client(LambdaClient.class);
    } catch (IllegalArgumentException e) {
      // e.g. AWS_ENDPOINT_URL_LAMBDA is not a URL: the registry says which variable.
      throw LoadTesterException.configuration("Cannot build the Lambda client: " + e.getMessage());
    }
  }

  /** The earlier of the function's own deadline and the budget asked for, if any. */
  private static LoadTesterDeadline deadline(
      long startNanos, LoadTesterRequest request, Context context) {
    Optional<Duration> remaining =
        Optional.ofNullable(context).map(c -> Duration.ofMillis(c.getRemainingTimeInMillis()));
    if (request.budgetMs() > 0) {
      Duration budget = Duration.ofMillis(request.budgetMs());
      remaining = Optional.of(remaining.filter(r -> r.compareTo(budget) < 0).orElse(budget));
    }
    return remaining
        .map(r -> LoadTesterDeadline.after(startNanos, r))
        .orElseGet(() -> LoadTesterDeadline.unbounded(startNanos));
  }

  /** This function as it was invoked (with its qualifier), for the fan-out's self-invocations. */
  private String self(Context context) {
    Optional<String> invoked =
        Optional.ofNullable(context)
            .map(Context::getInvokedFunctionArn)
            .filter(arn -> !arn.isBlank());
    Optional<String> name =
        invoked.or(
            () ->
                Optional.ofNullable(context)
                    .map(Context::getFunctionName)
                    .filter(n -> !n.isBlank()));
    return name.or(() -> config.environment().get(AWS_LAMBDA_FUNCTION_NAME))
        .orElseThrow(
            () ->
                LoadTesterException.configuration(
                    "'workers' invokes this function "
                        + "itself, but its name is unknown: no Lambda context and no "
                        + AWS_LAMBDA_FUNCTION_NAME));
  }

  private static String body(APIGatewayProxyRequestEvent event) {
    if (event == null || event.getBody() == null) {
      return null;
    }
    if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
      try {
        return new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw LoadTesterException.malformed("The body is marked base64-encoded but is not base64");
      }
    }
    return event.getBody();
  }

  private APIGatewayProxyResponseEvent error(
      int status, String message, String errorType, String field, long startNanos) {
    ObjectNode body = mapper.createObjectNode().put("error", message).put("error_type", errorType);
    if (field != null) {
      body.put("field", field);
    }
    body.put("execution_time_ms", (config.ticker().read() - startNanos) / 1e6);
    return response(status, body);
  }

  private APIGatewayProxyResponseEvent response(int status, ObjectNode body) {
    return new APIGatewayProxyResponseEvent()
        .withStatusCode(status)
        .withHeaders(JSON)
        .withBody(json(body));
  }

  private String json(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static void log(Context context, String line) {
    if (context != null && context.getLogger() != null) {
      context.getLogger().log(line + "\n");
    }
  }
}
