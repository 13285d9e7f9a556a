package dev.perfkit.core.routing;

import com.amazonaws.services.lambda.runtime.Context;
import dev.perfkit.core.metrics.MetricsScope;
import java.util.Optional;

/**
 * What an operation gets besides its parameters: the invocation's metric scope, the Lambda context
 * when there is one, and the invocation's deadline. The API Gateway pipeline makes one per
 * invocation; a test of an {@link OperationHandler} may implement it.
 */
public interface OperationContext {

  /**
   * The invocation's metric scope: operations add their own metrics to it.
   *
   * @return the scope, written once when the invocation has been answered
   */
  MetricsScope metrics();

  /**
   * The Lambda context.
   *
   * @return the context; empty outside Lambda (tests, local use)
   */
  Optional<Context> lambdaContext();

  /**
   * When the invocation must be answered.
   *
   * @return the invocation's deadline
   */
  Deadline deadline();
}
