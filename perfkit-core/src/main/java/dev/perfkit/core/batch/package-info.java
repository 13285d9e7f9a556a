/**
 * Partial-batch processing: {@link dev.perfkit.core.batch.SqsBatchProcessor} runs a {@link
 * dev.perfkit.core.batch.MessageHandler} per SQS message and reports exactly the failed message ids
 * in an {@code SQSBatchResponse}; {@link dev.perfkit.core.batch.StreamBatchProcessor} runs a {@link
 * dev.perfkit.core.batch.RecordHandler} per Kinesis or DynamoDB Streams record, each shard in
 * order, and reports where each failed shard resumes in a {@code StreamsEventResponse}. Both return
 * statistics for metrics.
 */
package dev.perfkit.core.batch;
