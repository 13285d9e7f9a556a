package dev.perfkit.core.routing;

/**
 * The code of one operation: takes its bound, validated parameters and returns a result that
 * Jackson serialises (a record, a map, a list, a value).
 *
 * <p>Throw {@link ClientErrorException} for a request the operation cannot serve and {@link
 * ConfigurationException} for missing configuration; any other exception is a 500.
 *
 * @param <P> the parameter type
 */
@FunctionalInterface
public interface OperationHandler<P> {

  /**
   * Runs the operation.
   *
   * @param params the bound, validated parameters
   * @param context the invocation's metric scope, Lambda context and deadline
   * @return the result, written as the response's {@code result}
   * @throws Exception a {@link ClientErrorException} or {@link ConfigurationException} on purpose;
   *     anything else is a 500
   */
  Object handle(P params, OperationContext context) throws Exception;
}
