/**
 * Amazon SQS and Lambda's SQS event source on one machine: {@link
 * dev.perfkit.examples.sqs.LocalSqs} (ElasticMQ in-process), the lab's queue with a dead-letter
 * queue ({@link dev.perfkit.examples.sqs.QueueConfig}, {@link dev.perfkit.examples.sqs.QueuePair}),
 * an {@link dev.perfkit.examples.sqs.EventSourceMapping} that feeds a function of the local Lambda,
 * and the lab's load script as {@link dev.perfkit.examples.sqs.SqsLoadGenerator}.
 */
package dev.perfkit.examples.sqs;
