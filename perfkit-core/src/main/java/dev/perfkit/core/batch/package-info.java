/**
 * SQS partial-batch processing: {@link dev.perfkit.core.batch.SqsBatchProcessor} runs a {@link
 * dev.perfkit.core.batch.MessageHandler} per message and reports exactly the failed message ids in
 * an {@code SQSBatchResponse}, with statistics for metrics.
 */
package dev.perfkit.core.batch;
