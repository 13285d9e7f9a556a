package dev.perfkit.local.lambda;

import java.util.Collection;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The account's concurrency: its limit, the part that must stay unreserved for functions without
 * reserved concurrency, and the invocations in flight across all functions.
 *
 * <p>Lambda keeps 100 of an account's concurrent executions unreserved (PutFunctionConcurrency, API
 * reference); that is a tenth of its default limit of 1,000, and the local limit is scaled down for
 * one machine, so the local minimum is a tenth of the local limit unless set.
 */
final class AccountConcurrency {

  /** Lambda's unreserved minimum, 100, against its default account limit, 1,000. */
  static int defaultMinimumUnreserved(int limit) {
    return (limit + 9) / 10;
  }

  final int limit;
  final int minimumUnreserved;
  final AtomicInteger inFlight = new AtomicInteger();

  AccountConcurrency(int limit, int minimumUnreserved) {
    this.limit = limit;
    this.minimumUnreserved = minimumUnreserved;
  }

  /** {@code UnreservedConcurrentExecutions}: the limit less what functions reserve. */
  int unreserved(Collection<LambdaFunction> functions) {
    return limit - functions.stream().mapToInt(f -> f.reservedConcurrency().orElse(0)).sum();
  }

  /** Refuses a reservation that leaves less than the minimum unreserved. */
  void checkReservation(
      Collection<LambdaFunction> functions, String functionName, OptionalInt reserved) {
    int others =
        functions.stream()
            .filter(function -> !function.name.equals(functionName))
            .mapToInt(function -> function.reservedConcurrency().orElse(0))
            .sum();
    if (limit - others - reserved.orElse(0) < minimumUnreserved) {
      throw LocalLambdaException.invalidParameter(
          "Specified ReservedConcurrentExecutions for function decreases account's"
              + " UnreservedConcurrentExecution below its minimum value of ["
              + minimumUnreserved
              + "].");
    }
  }

  /**
   * Refuses provisioned concurrency of a function without reserved concurrency that would leave
   * less than the minimum unreserved; {@code provisioned} is the function's total after the change.
   */
  void checkProvisioning(
      Collection<LambdaFunction> functions, LambdaFunction function, int provisioned) {
    if (function.reservedConcurrency().isPresent()) {
      return;
    }
    int taken =
        functions.stream()
            .filter(other -> other != function)
            .mapToInt(other -> other.reservedConcurrency().orElse(other.provisionedConcurrency()))
            .sum();
    if (limit - taken - provisioned < minimumUnreserved) {
      throw LocalLambdaException.invalidParameter(
          "Specified ProvisionedConcurrentExecutions for function decreases account's"
              + " UnreservedConcurrentExecution below its minimum value of ["
              + minimumUnreserved
              + "].");
    }
  }
}
