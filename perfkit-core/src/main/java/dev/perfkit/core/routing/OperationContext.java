package dev.perfkit.core.routing;

import com.amazonaws.services.lambda.runtime.Context;
import dev.perfkit.core.metrics.MetricsScope;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operation gets besides its parameters: the invocation's metric scope, the Lambda context
 * when there is one, and the invocation's deadline.
 */
public final class OperationContext {

  private final MetricsScope metrics;
  private final Context lambdaContext;
  private final Deadline deadline;

  private OperationContext(MetricsScope metrics, Context lambdaContext, Deadline deadline) {
    this.metrics = metrics;
    this.lambdaContext = lambdaContext;
    this.deadline = deadline;
  }

  /**
   * A context for one invocation.
   *
   * @param metrics the invocation's scope; operations add their own metrics to it
   * @param lambdaContext the Lambda context, or null outside Lambda (tests, local use)
   * @param deadline when the invocation must be answered
   */
  public static OperationContext of(
      MetricsScope metrics, Context lambdaContext, Deadline deadline) {
    return new OperationContext(
        Objects.requireNonNull(metrics, "metrics"),
        lambdaContext,
        Objects.requireNonNull(deadline, "deadline"));
  }

  /** The invocation's metric scope. */
  public MetricsScope metrics() {
    return metrics;
  }

  /** The Lambda context; empty outside Lambda. */
  public Optional<Context> lambdaContext() {
    return Optional.ofNullable(lambdaContext);
  }

  /** When the invocation must be answered. */
  public Deadline deadline() {
    return deadline;
  }
}
