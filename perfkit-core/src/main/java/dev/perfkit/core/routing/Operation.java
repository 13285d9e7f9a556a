package dev.perfkit.core.routing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named operation: its parameter type, bound from the request by Jackson, the metric its duration
 * is recorded under, and its handler.
 *
 * @param name the value of the request's {@code operation} field, e.g. {@code cpu_intensive}
 * @param paramsType a record (or other Jackson-bindable type) validated in its constructor
 * @param timeMetric the metric, in milliseconds, of the operation's duration
 * @param handler the operation's code
 * @param <P> the parameter type
 */
public record Operation<P>(
    String name, Class<P> paramsType, String timeMetric, OperationHandler<P> handler) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
  private static final int MAX_METRIC_NAME = 255;

  /**
   * Checks the arguments.
   *
   * @param name 1 to 64 of {@code A-Z a-z 0-9 _ . : -}, starting with a letter or digit
   * @param paramsType the type the request is bound to; not null
   * @param timeMetric 1 to 255 characters, not blank
   * @param handler the operation's code; not null
   * @throws IllegalArgumentException when {@code name} or {@code timeMetric} is malformed
   */
  public Operation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(paramsType, "paramsType");
    Objects.requireNonNull(timeMetric, "timeMetric");
    Objects.requireNonNull(handler, "handler");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "operation name must be 1 to 64 of A-Z a-z 0-9 _ . : - starting with a letter or digit,"
              + " got '"
              + name
              + "'");
    }
    if (timeMetric.isBlank() || timeMetric.length() > MAX_METRIC_NAME) {
      throw new IllegalArgumentException(
          "timeMetric must be 1 to "
              + MAX_METRIC_NAME
              + " characters, not blank, got '"
              + timeMetric
              + "'");
    }
  }

  /**
   * An operation timed under {@link InvocationMetrics#OPERATION_TIME}.
   *
   * @param name the value of the request's {@code operation} field that selects it
   * @param paramsType the type its parameters are bound to
   * @param handler its code
   * @param <P> the parameter type
   * @return the operation
   * @throws IllegalArgumentException when {@code name} is malformed
   */
  public static <P> Operation<P> of(String name, Class<P> paramsType, OperationHandler<P> handler) {
    return new Operation<>(name, paramsType, InvocationMetrics.OPERATION_TIME, handler);
  }

  /**
   * This operation, timed under {@code metric} instead.
   *
   * @param metric the metric name, e.g. {@code CPUIntensiveTime}; 1 to 255 characters, not blank
   * @return a new operation; this one is unchanged
   * @throws IllegalArgumentException when {@code metric} is blank or too long
   */
  public Operation<P> timedAs(String metric) {
    return new Operation<>(name, paramsType, metric, handler);
  }
}
