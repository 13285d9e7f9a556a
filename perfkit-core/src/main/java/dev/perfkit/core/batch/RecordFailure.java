package dev.perfkit.core.batch;

/**
 * A stream record that did not succeed, and why.
 *
 * @param sequenceNumber the record's sequence number
 * @param cause what the handler threw (or the executor's rejection); {@code null} when the record
 *     was not attempted: it comes after a failure in its shard, or the processing thread was
 *     interrupted before it finished
 */
public record RecordFailure(String sequenceNumber, Throwable cause) {

  /**
   * Whether the handler never ran to completion for this record.
   *
   * @return true when {@code cause} is null: the record was not attempted, or its processing was
   *     interrupted
   */
  public boolean skipped() {
    return cause == null;
  }
}
