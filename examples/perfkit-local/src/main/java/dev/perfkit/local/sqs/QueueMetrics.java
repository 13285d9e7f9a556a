package dev.perfkit.local.sqs;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.local.cloudwatch.SqsMetrics;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * The {@code AWS/SQS} metrics of the queues, published to a local CloudWatch's {@link SqsMetrics}:
 * NumberOfMessagesSent, NumberOfMessagesReceived and NumberOfMessagesDeleted of each call {@link
 * LocalSqs#client()} makes (an interceptor of that client: calls of other clients are not seen),
 * and every {@value #SAMPLE_SECONDS} seconds, per queue, ApproximateNumberOfMessagesVisible and
 * ApproximateAgeOfOldestMessage, the age of the oldest message sent through the client and not
 * deleted (forgotten when the queue is empty, so that a message moved to a dead-letter queue does
 * not age forever; at most {@value #TRACKED} per queue).
 */
final class QueueMetrics implements ExecutionInterceptor, AutoCloseable {

  static final int SAMPLE_SECONDS = 10;
  static final int TRACKED = 100_000;
  private static final System.Logger LOG = System.getLogger(LocalSqs.class.getName());

  private final SqsMetrics metrics;
  private final Clock clock;
  private final Map<String, Tracked> queues = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreadFactory.named("perfkit-sqs-metrics"));

  QueueMetrics(SqsMetrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The messages of one queue sent and not yet deleted: sent time by id, id by receipt. */
  private record Tracked(Map<String, Instant> sent, Map<String, String> receipts) {
    Tracked() {
      this(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }
  }

  /** Samples the queues of {@code client} from now on, until {@link #close()}. */
  void startSampling(SqsClient client) {
    // sample() reports its own failures; the schedule never ends early.
    var unused =
        sampler.scheduleAtFixedRate(() -> sample(client), 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void afterExecution(
      Context.AfterExecution context, ExecutionAttributes executionAttributes) {
    Instant now = clock.instant();
    Object request = context.request();
    Object response = context.response();
    if (request instanceof SendMessageRequest send) {
      sent(send.queueUrl(), List.of(((SendMessageResponse) response).messageId()), now);
    } else if (request instanceof SendMessageBatchRequest batch) {
      sent(
          batch.queueUrl(),
          ((SendMessageBatchResponse) response)
              .successful().stream().map(entry -> entry.messageId()).toList(),
          now);
    } else if (request instanceof ReceiveMessageRequest receive) {
      List<Message> messages = ((ReceiveMessageResponse) response).messages();
      Tracked tracked = tracked(receive.queueUrl());
      messages.forEach(
          message -> {
            if (tracked.sent().containsKey(message.messageId())) {
              tracked.receipts().put(message.receiptHandle(), message.messageId());
            }
          });
      metrics.received(name(receive.queueUrl()), messages.size(), now);
    } else if (request instanceof DeleteMessageRequest delete) {
      deleted(delete.queueUrl(), List.of(delete.receiptHandle()), now);
    } else if (request instanceof DeleteMessageBatchRequest batch) {
      List<String> done =
          ((DeleteMessageBatchResponse) response)
              .successful().stream().map(entry -> entry.id()).toList();
      deleted(
          batch.queueUrl(),
          batch.entries().stream()
              .filter(entry -> done.contains(entry.id()))
              .map(DeleteMessageBatchRequestEntry::receiptHandle)
              .toList(),
          now);
    }
  }

  private void sent(String queueUrl, List<String> messageIds, Instant now) {
    Tracked tracked = tracked(queueUrl);
    for (String id : messageIds) {
      if (tracked.sent().size() < TRACKED) {
        tracked.sent().put(id, now);
      }
    }
    metrics.sent(name(queueUrl), messageIds.size(), now);
  }

  private void deleted(String queueUrl, List<String> receiptHandles, Instant now) {
    Tracked tracked = tracked(queueUrl);
    for (String receipt : receiptHandles) {
      String id = tracked.receipts().remove(receipt);
      if (id != null) {
        tracked.sent().remove(id);
      }
    }
    metrics.deleted(name(queueUrl), receiptHandles.size(), now);
  }

  private void sample(SqsClient client) {
    try {
      for (String queueUrl : client.listQueues().queueUrls()) {
        Map<QueueAttributeName, String> attributes =
            client
                .getQueueAttributes(
                    request ->
                        request
                            .queueUrl(queueUrl)
                            .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
                .attributes();
        long visible = count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        long held =
            count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                + count(attributes, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        Tracked tracked = tracked(queueUrl);
        if (visible + held == 0) {
          tracked.sent().clear();
          tracked.receipts().clear();
        }
        Instant now = clock.instant();
        Duration age =
            tracked.sent().values().stream()
                .min(Instant::compareTo)
                .map(oldest -> Duration.between(oldest, now))
                .filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
        metrics.depth(name(queueUrl), visible, age, now);
      }
    } catch (SdkException | IllegalStateException e) {
      // The next sample tries again; one lost sample is a gap in the graph, not a failure.
      LOG.log(Level.WARNING, "cannot sample the queues' depth: {0}", e.getMessage());
    }
  }

  private Tracked tracked(String queueUrl) {
    return queues.computeIfAbsent(name(queueUrl), name -> new Tracked());
  }

  private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
    return Long.parseLong(attributes.getOrDefault(name, "0"));
  }

  /** The queue's name: the last segment of its URL. */
  private static String name(String queueUrl) {
    String path = URI.create(queueUrl).getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Stops sampling. */
  @Override
  public void close() {
    sampler.shutdownNow();
  }
}
