package dev.perfkit.core.apigateway;

import dev.perfkit.core.routing.InvocationMetrics;

/**
 * The metrics the pipeline itself writes into each invocation's EMF document, by default all of
 * them; {@link ApiGatewayPipeline.Builder#builtInMetrics} selects fewer, since CloudWatch bills
 * each metric and dimension set. The metrics an operation writes through its context are its own
 * and always written; the properties ({@code RequestId}, {@code ColdStart}, ...) are not metrics
 * and cost nothing.
 */
public enum BuiltInMetric {

  /** {@value InvocationMetrics#COLD_STARTS}: count, 1 on an on-demand cold start. */
  COLD_STARTS,

  /**
   * The operation's time metric ({@value InvocationMetrics#OPERATION_TIME} unless the operation is
   * {@link dev.perfkit.core.routing.Operation#timedAs timed as} another): milliseconds, when a
   * request names an operation.
   */
  OPERATION_TIME,

  /** {@value InvocationMetrics#SUCCESSFUL_INVOCATIONS}: count, 1 per success. */
  SUCCESSFUL_INVOCATIONS,

  /** {@value InvocationMetrics#ERRORS}: count, 1 per error answer (4xx or 5xx). */
  ERRORS,

  /** {@value InvocationMetrics#EXECUTION_TIME}: milliseconds, from the event to the answer. */
  EXECUTION_TIME,

  /** {@value InvocationMetrics#REMAINING_TIME}: milliseconds left before the timeout. */
  REMAINING_TIME,

  /**
   * {@value InvocationMetrics#MEMORY_UTILIZATION}: percent of the memory limit held as resident
   * memory, when the memory limit is known.
   */
  MEMORY_UTILIZATION
}
