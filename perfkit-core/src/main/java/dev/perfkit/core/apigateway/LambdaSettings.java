package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import dev.perfkit.core.Environment;
import java.time.Duration;

/**
 * What the pipeline knows of the function it serves: its name, memory limit and time budget from
 * the invocation's Lambda context, else from the variables Lambda sets (outside Lambda: the
 * environment's, or local defaults).
 */
final class LambdaSettings {

  private final String functionNameWithoutContext;
  private final Integer memoryLimitWithoutContext;
  private final Duration timeoutWithoutContext;

  LambdaSettings(Environment environment, Duration timeoutWithoutContext) {
    this.functionNameWithoutContext =
        environment.getOrDefault(
            ApiGatewayPipeline.FUNCTION_NAME_VARIABLE, ApiGatewayPipeline.LOCAL_FUNCTION_NAME);
    this.memoryLimitWithoutContext =
        environment
            .get(ApiGatewayPipeline.MEMORY_SIZE_VARIABLE)
            .map(LambdaSettings::parseMegabytes)
            .orElse(null);
    this.timeoutWithoutContext = timeoutWithoutContext;
  }

  String functionName(Context context) {
    if (context != null
        && context.getFunctionName() != null
        && !context.getFunctionName().isBlank()) {
      return context.getFunctionName();
    }
    return functionNameWithoutContext;
  }

  /** The memory limit in MB; null when neither the context nor the environment tells it. */
  Integer memoryLimitMb(Context context) {
    if (context != null && context.getMemoryLimitInMB() > 0) {
      return context.getMemoryLimitInMB();
    }
    return memoryLimitWithoutContext;
  }

  /** The time left to answer the invocation. */
  Duration budget(Context context) {
    return context == null
        ? timeoutWithoutContext
        : Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()));
  }

  private static Integer parseMegabytes(String value) {
    try {
      int megabytes = Integer.parseInt(value.strip());
      if (megabytes > 0) {
        return megabytes;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed values
    }
    throw new IllegalArgumentException(
        ApiGatewayPipeline.MEMORY_SIZE_VARIABLE
            + " must be a positive whole number of MB, got '"
            + value
            + "'");
  }
}
