/**
 * Amazon SQS and Lambda's SQS event source on one machine: {@link dev.perfkit.local.sqs.LocalSqs}
 * (ElasticMQ in-process), the lab's queue with a dead-letter queue ({@link
 * dev.perfkit.local.sqs.QueueConfig}, {@link dev.perfkit.local.sqs.QueuePair}), an {@link
 * dev.perfkit.local.sqs.EventSourceMapping} that feeds a function of the local Lambda, and the
 * lab's load script as {@link dev.perfkit.local.sqs.SqsLoadGenerator}.
 */
package dev.perfkit.local.sqs;
