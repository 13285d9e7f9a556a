package dev.perfkit.local.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A queue and its dead-letter queue, created. Works against any SQS: the local one or AWS.
 *
 * @param queueUrl the queue's URL
 * @param queueArn the queue's ARN, an event source mapping's {@code eventSourceARN}
 * @param deadLetterQueueUrl the dead-letter queue's URL
 * @param deadLetterQueueArn the dead-letter queue's ARN, the {@code deadLetterTargetArn}
 */
public record QueuePair(
    String queueUrl, String queueArn, String deadLetterQueueUrl, String deadLetterQueueArn) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Rejects nulls.
   *
   * @param queueUrl the queue's URL
   * @param queueArn the queue's ARN
   * @param deadLetterQueueUrl the dead-letter queue's URL
   * @param deadLetterQueueArn the dead-letter queue's ARN
   */
  public QueuePair {
    Objects.requireNonNull(queueUrl, "queueUrl");
    Objects.requireNonNull(queueArn, "queueArn");
    Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl");
    Objects.requireNonNull(deadLetterQueueArn, "deadLetterQueueArn");
  }

  /**
   * Creates the dead-letter queue, then the queue with a {@code RedrivePolicy} pointing at it. Like
   * {@code CreateQueue}, succeeds when both exist with the same attributes.
   *
   * @param sqs the client to create with; any SQS, local or AWS
   * @param config the queues' names and attributes
   * @return the created queues' URLs and ARNs
   * @throws software.amazon.awssdk.services.sqs.model.SqsException when SQS refuses, e.g. a queue
   *     of that name exists with other attributes
   */
  public static QueuePair create(SqsClient sqs, QueueConfig config) {
    Objects.requireNonNull(sqs, "sqs");
    Objects.requireNonNull(config, "config");
    String retention = Long.toString(config.messageRetention().toSeconds());
    String deadLetterUrl =
        sqs.createQueue(
                request ->
                    request
                        .queueName(config.deadLetterQueueName())
                        .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, retention)))
            .queueUrl();
    String deadLetterArn = arn(sqs, deadLetterUrl);
    Map<QueueAttributeName, String> attributes =
        Map.of(
            QueueAttributeName.VISIBILITY_TIMEOUT,
            Long.toString(config.visibilityTimeout().toSeconds()),
            QueueAttributeName.MESSAGE_RETENTION_PERIOD,
            retention,
            QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
            Long.toString(config.receiveMessageWait().toSeconds()),
            QueueAttributeName.REDRIVE_POLICY,
            redrivePolicy(deadLetterArn, config.maxReceiveCount()));
    String queueUrl =
        sqs.createQueue(request -> request.queueName(config.name()).attributes(attributes))
            .queueUrl();
    return new QueuePair(queueUrl, arn(sqs, queueUrl), deadLetterUrl, deadLetterArn);
  }

  static String redrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {
    return JSON.createObjectNode()
        .put("deadLetterTargetArn", deadLetterTargetArn)
        .put("maxReceiveCount", maxReceiveCount)
        .toString();
  }

  private static String arn(SqsClient sqs, String queueUrl) {
    return sqs.getQueueAttributes(
            request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }
}
