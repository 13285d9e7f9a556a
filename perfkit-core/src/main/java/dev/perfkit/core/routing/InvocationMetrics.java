package dev.perfkit.core.routing;

/**
 * The names of the metrics, dimensions and properties that the API Gateway pipeline records for
 * every invocation, in one place so that handlers and dashboards use the same ones.
 * Operation-specific metrics belong to the code that defines the operations.
 */
public final class InvocationMetrics {

  /** Count, 1 per invocation whose operation returned a result. */
  public static final String SUCCESSFUL_INVOCATIONS = "SuccessfulInvocations";

  /** Count, 1 per invocation that answered with an error; its kind is in {@link #ERROR_TYPE}. */
  public static final String ERRORS = "Errors";

  /** Milliseconds spent in the operation's handler (or binding its parameters), by default. */
  public static final String OPERATION_TIME = "OperationTime";

  /** Count, 1 on the first invocation of an on-demand execution environment. */
  public static final String COLD_STARTS = "ColdStarts";

  /** Milliseconds from the pipeline receiving the event to the response being ready. */
  public static final String EXECUTION_TIME = "ExecutionTime";

  /** Milliseconds left before the Lambda timeout when the response was ready. */
  public static final String REMAINING_TIME = "RemainingTime";

  /** Percent of the function's memory limit held as resident memory by the process. */
  public static final String MEMORY_UTILIZATION = "MemoryUtilization";

  /** Dimension: the Lambda function's name. */
  public static final String FUNCTION_NAME = "FunctionName";

  /** Dimension: the routed operation, or {@link #UNRESOLVED_OPERATION}. */
  public static final String OPERATION = "Operation";

  /** {@link #OPERATION} value of a request rejected before an operation was known. */
  public static final String UNRESOLVED_OPERATION = "unresolved";

  /** Property: the error type of a failed invocation, e.g. {@code InvalidParameter}. */
  public static final String ERROR_TYPE = "ErrorType";

  /** Property: the Lambda request id. */
  public static final String REQUEST_ID = "RequestId";

  /** Property: whether the invocation was a cold start. */
  public static final String COLD_START = "ColdStart";

  /**
   * Property: how the execution environment was initialised (on-demand, provisioned, snap-start).
   */
  public static final String INIT_TYPE = "InitType";

  /** Property: the function's memory limit in MB. */
  public static final String MEMORY_SIZE = "MemorySize";

  private InvocationMetrics() {}
}
