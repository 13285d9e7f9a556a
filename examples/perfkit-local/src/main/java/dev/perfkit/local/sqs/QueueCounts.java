package dev.perfkit.local.sqs;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The messages all queues hold: visible, in flight (received, not deleted) and delayed. */
final class QueueCounts {

  private static final QueueAttributeName[] COUNTS = {
    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED
  };

  private QueueCounts() {}

  /** The messages of every queue {@code client} lists. */
  static long messages(SqsClient client) {
    long total = 0;
    for (String queueUrl : client.listQueues().queueUrls()) {
      Map<QueueAttributeName, String> attributes =
          client
              .getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(COUNTS))
              .attributes();
      for (QueueAttributeName count : COUNTS) {
        total += Long.parseLong(attributes.getOrDefault(count, "0"));
      }
    }
    return total;
  }
}
