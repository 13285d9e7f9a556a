package dev.perfkit.local.lambda;

import java.util.Optional;
import java.util.UUID;

/**
 * {@code RevisionId}s: a new one for every change of a function, alias or policy, and the check of
 * the one a caller expects (optimistic locking, as the Lambda API offers it).
 */
final class RevisionIds {

  private RevisionIds() {}

  static String next() {
    return UUID.randomUUID().toString();
  }

  /**
   * Refuses a change whose expected {@code RevisionId} is not the current one, with Lambda's {@code
   * PreconditionFailedException}; {@code readOperation} names the call that tells the current one.
   */
  static void check(Optional<String> expected, String current, String readOperation) {
    if (expected.isPresent() && !expected.get().equals(current)) {
      throw LocalLambdaException.preconditionFailed(
          "The Revision Id provided does not match the latest Revision Id. Call the "
              + readOperation
              + " API to retrieve the latest Revision Id");
    }
  }
}
