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

  /** Runs the operation. */
  Object handle(P params, OperationContext context) throws Exception;
}
