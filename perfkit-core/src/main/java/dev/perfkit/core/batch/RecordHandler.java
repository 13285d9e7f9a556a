package dev.perfkit.core.batch;

/**
 * Processes one stream record (Kinesis or DynamoDB Streams). Returning normally means the record
 * succeeded; throwing an {@link Exception} fails it, and the stream resumes from it on the next
 * invocation.
 *
 * <p>An {@link Error} is not a record failure: the processor rethrows it and the whole invocation
 * fails (see {@link StreamBatchProcessor}).
 *
 * @param <R> the record type: {@code KinesisEvent.KinesisEventRecord} or {@code
 *     DynamodbEvent.DynamodbStreamRecord}
 */
@FunctionalInterface
public interface RecordHandler<R> {

  /**
   * Processes {@code record}; throws to fail it.
   *
   * @param record one record of the batch, never null
   * @throws Exception to fail the record: it and the records after it in its shard are retried
   */
  void handle(R record) throws Exception;
}
