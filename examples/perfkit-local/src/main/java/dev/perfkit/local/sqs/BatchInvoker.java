package dev.perfkit.local.sqs;

import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.InvokeResult;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.lambda.LocalLambdaException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Hands one batch to the function as the SQS event Lambda sends, and deletes what it processed: all
 * of the batch, or all but its {@code batchItemFailures} with partial batch responses.
 */
final class BatchInvoker {

  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final LocalLambda lambda;
  private final String functionName;
  private final String qualifier;
  private final boolean reportBatchItemFailures;
  private final Clock clock;
  private final Consumer<Duration> pause;
  private final EventSourceCounters counters;

  BatchInvoker(
      EventSourceMapping.Builder builder,
      String queueArn,
      Consumer<Duration> pause,
      EventSourceCounters counters) {
    this.sqs = builder.sqs;
    this.queueUrl = builder.queueUrl;
    this.queueArn = queueArn;
    this.lambda = builder.lambda;
    this.functionName = builder.functionName;
    this.qualifier = builder.qualifier().orElse(null);
    this.reportBatchItemFailures = builder.reportBatchItemFailures();
    this.clock = builder.clock();
    this.pause = pause;
    this.counters = counters;
  }

  void process(List<Message> batch) {
    counters.batches.increment();
    counters.received.add(batch.size());
    InvokeRequest.Builder request =
        InvokeRequest.builder(functionName).payload(SqsEvents.toJson(batch, queueArn));
    if (qualifier != null) {
      request.qualifier(qualifier);
    }
    InvokeResult result;
    try {
      result = lambda.invoke(request.build());
    } catch (LocalLambdaException e) {
      counters.failed.add(batch.size());
      if (e.statusCode() == 429) {
        counters.throttles.increment();
        counters.note("throttled: " + e.reason().orElse(e.getMessage()));
      } else {
        counters.invokeErrors.increment();
        counters.report("invocation refused (" + e.statusCode() + " " + e.errorCode() + ")", e);
      }
      pause.accept(ERROR_BACKOFF);
      return;
    } catch (RuntimeException e) {
      counters.failed.add(batch.size());
      counters.invokeErrors.increment();
      counters.report("invocation failed", e);
      pause.accept(ERROR_BACKOFF);
      return;
    }
    if (result.functionError().isPresent()) {
      counters.functionErrors.increment();
      counters.failed.add(batch.size());
      counters.note(
          "function error ("
              + result.functionError().get()
              + "): "
              + abbreviate(result.payloadAsString()));
      return;
    }
    Set<String> failures = failures(result, batch);
    counters.failed.add(failures.size());
    List<Message> succeeded = new ArrayList<>(batch.size());
    for (Message message : batch) {
      if (!failures.contains(message.messageId())) {
        succeeded.add(message);
      }
    }
    delete(succeeded);
  }

  /** The message ids to leave in the queue: all of them when the response is invalid. */
  private Set<String> failures(InvokeResult result, List<Message> batch) {
    if (!reportBatchItemFailures) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    batch.forEach(message -> ids.add(message.messageId()));
    try {
      return BatchItemFailures.parse(result.payload(), ids);
    } catch (IllegalArgumentException e) {
      counters.note("invalid function response, the whole batch failed: " + e.getMessage());
      return ids;
    }
  }

  private void delete(List<Message> messages) {
    for (int from = 0; from < messages.size(); from += BatchReceiver.MAX_RECEIVE) {
      List<Message> chunk =
          messages.subList(from, Math.min(messages.size(), from + BatchReceiver.MAX_RECEIVE));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(Integer.toString(i))
                .receiptHandle(chunk.get(i).receiptHandle())
                .build());
      }
      DeleteMessageBatchResponse response;
      try {
        response = sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
      } catch (SdkException e) {
        counters.deleteFailures.add(chunk.size());
        counters.report("deleting " + chunk.size() + " processed messages failed", e);
        continue;
      }
      long now = clock.millis();
      for (DeleteMessageBatchResultEntry entry : response.successful()) {
        counters.processed.increment();
        String sent =
            chunk
                .get(Integer.parseInt(entry.id()))
                .attributes()
                .get(MessageSystemAttributeName.SENT_TIMESTAMP);
        if (sent != null) {
          counters.recordLatency(now - Long.parseLong(sent));
        }
      }
      for (BatchResultErrorEntry entry : response.failed()) {
        counters.deleteFailures.increment();
        counters.note(
            "deleting a processed message failed: " + entry.code() + " " + entry.message());
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
