package dev.perfkit.handlers;

/**
 * {@code database_batch} could not write every record: DynamoDB kept returning some as {@code
 * UnprocessedItems} until the invocation's deadline; a 500 of error type {@code
 * UnprocessedItemsException} whose message gives the counts.
 */
final class UnprocessedItemsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnprocessedItemsException(String message) {
    super(message);
  }
}
