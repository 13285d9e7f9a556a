package dev.perfkit.local.sqs;

import dev.perfkit.local.lambda.EventSourceSettings;
import dev.perfkit.local.lambda.EventSources;
import dev.perfkit.local.lambda.LocalLambda;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The queues of a {@link LocalSqs} as event sources of mappings created through the local Lambda's
 * API: each mapping is an {@link EventSourceMapping} built from the API's settings.
 *
 * <pre>{@code
 * LocalLambda lambda = LocalLambda.builder().eventSources(SqsEventSources.of(sqs)).build();
 * // aws lambda create-event-source-mapping --event-source-arn arn:aws:sqs:...:queue ...
 * }</pre>
 */
public final class SqsEventSources implements EventSources {

  private static final Pattern QUEUE_ARN =
      Pattern.compile(
          "arn:aws[a-zA-Z-]*:sqs:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]{1,80}(\\.fifo)?)");

  private final LocalSqs sqs;

  private SqsEventSources(LocalSqs sqs) {
    this.sqs = sqs;
  }

  /**
   * The queues of {@code sqs}.
   *
   * @param sqs the local SQS whose queues mappings may poll
   * @return the event sources
   */
  public static EventSources of(LocalSqs sqs) {
    return new SqsEventSources(Objects.requireNonNull(sqs, "sqs"));
  }

  @Override
  public Poller start(EventSourceSettings settings, LocalLambda lambda) {
    Matcher arn = QUEUE_ARN.matcher(settings.eventSourceArn());
    if (!arn.matches()) {
      throw new IllegalArgumentException(
          "EventSourceArn must be the ARN of an SQS queue of this machine (the local Lambda maps"
              + " SQS queues only), was "
              + settings.eventSourceArn());
    }
    if (!arn.group(1).equals(sqs.region()) || !arn.group(2).equals(sqs.accountId())) {
      throw new IllegalArgumentException(
          "EventSourceArn "
              + settings.eventSourceArn()
              + " names another region or account than"
              + " the local SQS's ("
              + sqs.region()
              + ", "
              + sqs.accountId()
              + ")");
    }
    String queueUrl;
    try {
      queueUrl = sqs.client().getQueueUrl(request -> request.queueName(arn.group(3))).queueUrl();
    } catch (QueueDoesNotExistException e) {
      throw new IllegalArgumentException(
          "Error occurred while ReceiveMessage. SQS Error Code:"
              + " AWS.SimpleQueueService.NonExistentQueue. The queue "
              + settings.eventSourceArn()
              + " does not exist");
    }
    EventSourceMapping.Builder mapping =
        EventSourceMapping.builder(sqs.client(), queueUrl, lambda, settings.functionName())
            .batchSize(settings.batchSize())
            .maximumBatchingWindow(settings.maximumBatchingWindow())
            .reportBatchItemFailures(settings.reportBatchItemFailures());
    settings.qualifier().ifPresent(mapping::qualifier);
    settings.maximumConcurrency().ifPresent(mapping::maximumConcurrency);
    return new MappingPoller(mapping.start());
  }

  /** A running {@link EventSourceMapping} as the API sees it. */
  private record MappingPoller(EventSourceMapping mapping) implements Poller {

    @Override
    public String lastProcessingResult() {
      EventSourceStats stats = mapping.stats();
      if (stats.lastError().isPresent()) {
        return "PROBLEM: " + stats.lastError().get();
      }
      return stats.batches() == 0 ? "No records processed" : "OK";
    }

    @Override
    public boolean stop(Duration timeout) {
      return mapping.stop(timeout);
    }
  }
}
