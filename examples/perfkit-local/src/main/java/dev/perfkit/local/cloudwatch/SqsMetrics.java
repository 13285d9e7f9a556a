package dev.perfkit.local.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code AWS/SQS} metrics of a queue, published as SQS publishes them: under {@code QueueName},
 * at one-minute resolution. Counts are the messages of each call; the two gauges are sampled by the
 * caller (SQS samples them every minute). Thread-safe.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html">Available
 *     CloudWatch metrics for Amazon SQS</a>
 */
public final class SqsMetrics {

  /** The namespace. */
  public static final String NAMESPACE = "AWS/SQS";

  /** The dimension of a queue. */
  public static final String QUEUE_NAME = "QueueName";

  private final Publisher publisher;

  SqsMetrics(Publisher publisher) {
    this.publisher = publisher;
  }

  /**
   * Publishes the messages one send call added to a queue.
   *
   * @param queueName the queue's name
   * @param messages the messages sent
   * @param at when they were sent
   */
  public void sent(String queueName, int messages, Instant at) {
    count(ServiceMetric.SQS_NUMBER_OF_MESSAGES_SENT, queueName, messages, at);
  }

  /**
   * Publishes the messages one receive call returned.
   *
   * @param queueName the queue's name
   * @param messages the messages received
   * @param at when they were received
   */
  public void received(String queueName, int messages, Instant at) {
    count(ServiceMetric.SQS_NUMBER_OF_MESSAGES_RECEIVED, queueName, messages, at);
  }

  /**
   * Publishes the messages one call deleted.
   *
   * @param queueName the queue's name
   * @param messages the messages deleted
   * @param at when they were deleted
   */
  public void deleted(String queueName, int messages, Instant at) {
    count(ServiceMetric.SQS_NUMBER_OF_MESSAGES_DELETED, queueName, messages, at);
  }

  /**
   * Publishes a sample of the queue's visible messages and the age of its oldest message.
   *
   * @param queueName the queue's name
   * @param visibleMessages the messages available for retrieval
   * @param oldestMessageAge how long the oldest message has been in the queue
   * @param at when the sample was taken
   */
  public void depth(String queueName, long visibleMessages, Duration oldestMessageAge, Instant at) {
    if (visibleMessages < 0 || oldestMessageAge.isNegative()) {
      throw new IllegalArgumentException(
          "visibleMessages and oldestMessageAge must not be"
              + " negative, were "
              + visibleMessages
              + " and "
              + oldestMessageAge);
    }
    publish(
        ServiceMetric.SQS_APPROXIMATE_NUMBER_OF_MESSAGES_VISIBLE,
        queueName,
        (double) visibleMessages,
        at);
    publish(
        ServiceMetric.SQS_APPROXIMATE_AGE_OF_OLDEST_MESSAGE,
        queueName,
        (double) oldestMessageAge.toSeconds(),
        at);
  }

  private void count(ServiceMetric metric, String queueName, int messages, Instant at) {
    if (messages < 0) {
      throw new IllegalArgumentException("messages must not be negative: " + messages);
    }
    publish(metric, queueName, messages, at);
  }

  private void publish(ServiceMetric metric, String queueName, double value, Instant at) {
    Publisher.required("queueName", queueName);
    publisher.publish(metric, at, value, List.of(List.of(new Dimension(QUEUE_NAME, queueName))));
  }
}
