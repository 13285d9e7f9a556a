package dev.perfkit.local.sqs;

import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.InvokeResult;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.lambda.LocalLambdaException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Pollers on a cached pool, a scaling timer, and the counters of {@link EventSourceStats}. */
final class DefaultEventSourceMapping implements EventSourceMapping {

  private static final System.Logger LOG = System.getLogger(EventSourceMapping.class.getName());
  private static final int MAX_RECEIVE = 10;
  private static final Duration SHORT_POLL_PAUSE = Duration.ofMillis(100);
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
  private static final Duration DRAIN_MARGIN = Duration.ofMinutes(1);

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final LocalLambda lambda;
  private final String functionName;
  private final String qualifier;
  private final int batchSize;
  private final Duration window;
  private final int maximumConcurrency;
  private final boolean reportBatchItemFailures;
  private final int receiveWaitSeconds;
  private final Duration drainTimeout;
  private final Clock clock;
  private final long startedAt;

  private final ExecutorService pollers;
  private final ScheduledExecutorService scaler;
  private final CountDownLatch stopping = new CountDownLatch(1);

  private final Object lock = new Object();
  private boolean running = true;
  private int activePollers;
  private int maxActivePollers;
  private long stoppedAt = -1;
  private final ArrayDeque<BacklogSample> samples = new ArrayDeque<>();

  private final LongAdder batches = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder processed = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder functionErrors = new LongAdder();
  private final LongAdder throttles = new LongAdder();
  private final LongAdder invokeErrors = new LongAdder();
  private final LongAdder deleteFailures = new LongAdder();
  private final LongAdder pollErrors = new LongAdder();
  private final Histogram latency = new Histogram(3);
  private volatile String lastError;

  private DefaultEventSourceMapping(EventSourceMapping.Builder builder, String queueArn,
      Duration functionTimeout) {
    this.sqs = builder.sqs;
    this.queueUrl = builder.queueUrl;
    this.queueArn = queueArn;
    this.lambda = builder.lambda;
    this.functionName = builder.functionName;
    this.qualifier = builder.qualifier;
    this.batchSize = builder.batchSize;
    this.window = builder.maximumBatchingWindow;
    this.maximumConcurrency = builder.maximumConcurrency;
    this.reportBatchItemFailures = builder.reportBatchItemFailures;
    this.receiveWaitSeconds = (int) builder.receiveWait.getSeconds();
    this.drainTimeout = functionTimeout.plus(DRAIN_MARGIN);
    this.clock = builder.clock;
    this.startedAt = clock.millis();
    this.pollers = Executors.newCachedThreadPool(daemonThreads("perfkit-sqs-poller"));
    this.scaler = Executors.newSingleThreadScheduledExecutor(daemonThreads("perfkit-sqs-scaler"));
  }

  static EventSourceMapping start(EventSourceMapping.Builder builder) {
    Duration functionTimeout = builder.lambda.functionConfiguration(builder.functionName).timeout();
    String arn =
        builder.sqs.getQueueAttributes(
                request ->
                    request.queueUrl(builder.queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    SqsEvents.regionOf(arn); // fails at once on an ARN the records could not carry
    DefaultEventSourceMapping mapping = new DefaultEventSourceMapping(builder, arn, functionTimeout);
    synchronized (mapping.lock) {
      mapping.addPoller();
    }
    mapping.scaler.scheduleWithFixedDelay(
        mapping::scale, 0, builder.scalingInterval.toNanos(), TimeUnit.NANOSECONDS);
    return mapping;
  }

  @Override
  public String queueArn() {
    return queueArn;
  }

  @Override
  public EventSourceStats stats() {
    Histogram latencyCopy;
    synchronized (latency) {
      latencyCopy = latency.copy();
    }
    int active;
    int maxActive;
    long end;
    List<BacklogSample> backlog;
    synchronized (lock) {
      active = activePollers;
      maxActive = maxActivePollers;
      end = stoppedAt >= 0 ? stoppedAt : clock.millis();
      backlog = List.copyOf(samples);
    }
    return new EventSourceStats(
        batches.sum(),
        received.sum(),
        processed.sum(),
        failed.sum(),
        functionErrors.sum(),
        throttles.sum(),
        invokeErrors.sum(),
        deleteFailures.sum(),
        pollErrors.sum(),
        active,
        maxActive,
        latencyCopy,
        backlog,
        Duration.ofMillis(Math.max(0, end - startedAt)),
        Optional.ofNullable(lastError));
  }

  @Override
  public boolean stop(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    synchronized (lock) {
      if (running) {
        running = false;
        stoppedAt = clock.millis();
      }
    }
    stopping.countDown();
    // No interrupts: a sample in progress ends by itself, and later ones are cancelled.
    scaler.shutdown();
    pollers.shutdown();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (pollers.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)
          && scaler.awaitTermination(
              Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pollers.shutdownNow();
    scaler.shutdownNow();
    return false;
  }

  @Override
  public void close() {
    if (!stop(drainTimeout)) {
      LOG.log(System.Logger.Level.WARNING,
          "SQS event source of " + functionName + ": batches still in flight after "
              + drainTimeout + "; their messages come back after the visibility timeout");
    }
  }

  /** Starts one more poller; the caller holds the lock and has checked {@code running}. */
  private void addPoller() {
    activePollers++;
    maxActivePollers = Math.max(maxActivePollers, activePollers);
    pollers.execute(this::poll);
  }

  private void scale() {
    try {
      Map<QueueAttributeName, String> attributes =
          sqs.getQueueAttributes(
                  request ->
                      request
                          .queueUrl(queueUrl)
                          .attributeNames(
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
              .attributes();
      long visible = Long.parseLong(
          attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
      long inFlight = Long.parseLong(attributes.getOrDefault(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
      synchronized (lock) {
        if (!running) {
          return;
        }
        long wanted = Math.min(maximumConcurrency, Math.max(1, ceilDiv(visible, batchSize)));
        while (activePollers < wanted) {
          addPoller();
        }
        samples.addLast(
            new BacklogSample(clock.instant(), visible, inFlight, activePollers, processed.sum()));
        if (samples.size() > MAX_BACKLOG_SAMPLES) {
          samples.removeFirst();
        }
      }
    } catch (SdkException | NumberFormatException e) {
      pollErrors.increment();
      report("sampling the backlog failed", e);
    }
  }

  private void poll() {
    boolean retired = false;
    try {
      while (isRunning() && !Thread.currentThread().isInterrupted()) {
        List<Message> batch;
        try {
          batch = gather();
        } catch (SdkException e) {
          pollErrors.increment();
          report("receiving failed", e);
          pause(ERROR_BACKOFF);
          continue;
        }
        if (batch.isEmpty()) {
          if (retireIfIdle()) {
            retired = true;
            return;
          }
          continue;
        }
        process(batch);
      }
    } finally {
      if (!retired) {
        synchronized (lock) {
          activePollers--;
        }
      }
    }
  }

  private boolean isRunning() {
    synchronized (lock) {
      return running;
    }
  }

  private boolean retireIfIdle() {
    synchronized (lock) {
      if (activePollers > 1) {
        activePollers--;
        return true;
      }
      return false;
    }
  }

  /**
   * A batch: what one long poll returns without a window; with one, receives until the batch is
   * full or the window from its first message has passed. Messages received while stopping are
   * still returned: dropping them would only cost them a receive.
   */
  private List<Message> gather() {
    List<Message> batch = new ArrayList<>();
    long deadline = 0;
    while (batch.size() < batchSize) {
      int wait;
      if (batch.isEmpty()) {
        wait = receiveWaitSeconds;
      } else {
        long remaining = deadline - clock.millis();
        if (remaining <= 0 || !isRunning()) {
          break;
        }
        wait = (int) Math.min(20, remaining / 1000);
      }
      List<Message> messages;
      try {
        messages = receive(Math.min(MAX_RECEIVE, batchSize - batch.size()), wait);
      } catch (SdkException e) {
        if (batch.isEmpty()) {
          throw e;
        }
        // The messages gathered so far are received already: invoke with them.
        pollErrors.increment();
        report("receiving failed", e);
        break;
      }
      if (messages.isEmpty()) {
        if (batch.isEmpty()) {
          return batch;
        }
        if (wait == 0) {
          // Under a second of window left: short polls, not a long poll that would overrun it.
          pause(SHORT_POLL_PAUSE);
        }
        continue;
      }
      if (batch.isEmpty()) {
        deadline = clock.millis() + window.toMillis();
      }
      batch.addAll(messages);
      if (window.isZero()) {
        break;
      }
    }
    return batch;
  }

  private List<Message> receive(int max, int waitSeconds) {
    return sqs.receiveMessage(
            request ->
                request
                    .queueUrl(queueUrl)
                    .maxNumberOfMessages(max)
                    .waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All"))
        .messages();
  }

  private void process(List<Message> batch) {
    batches.increment();
    received.add(batch.size());
    InvokeRequest.Builder request =
        InvokeRequest.builder(functionName).payload(SqsEvents.toJson(batch, queueArn));
    if (qualifier != null) {
      request.qualifier(qualifier);
    }
    InvokeResult result;
    try {
      result = lambda.invoke(request.build());
    } catch (LocalLambdaException e) {
      failed.add(batch.size());
      if (e.statusCode() == 429) {
        throttles.increment();
        lastError = "throttled: " + e.reason().orElse(e.getMessage());
      } else {
        invokeErrors.increment();
        report("invocation refused (" + e.statusCode() + " " + e.errorCode() + ")", e);
      }
      pause(ERROR_BACKOFF);
      return;
    } catch (RuntimeException e) {
      failed.add(batch.size());
      invokeErrors.increment();
      report("invocation failed", e);
      pause(ERROR_BACKOFF);
      return;
    }
    if (result.functionError().isPresent()) {
      functionErrors.increment();
      failed.add(batch.size());
      lastError = "function error (" + result.functionError().get() + "): "
          + abbreviate(result.payloadAsString());
      return;
    }
    Set<String> failures = failures(result, batch);
    failed.add(failures.size());
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
      lastError = "invalid function response, the whole batch failed: " + e.getMessage();
      return ids;
    }
  }

  private void delete(List<Message> messages) {
    for (int from = 0; from < messages.size(); from += MAX_RECEIVE) {
      List<Message> chunk = messages.subList(from, Math.min(messages.size(), from + MAX_RECEIVE));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(DeleteMessageBatchRequestEntry.builder()
            .id(Integer.toString(i))
            .receiptHandle(chunk.get(i).receiptHandle())
            .build());
      }
      DeleteMessageBatchResponse response;
      try {
        response = sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
      } catch (SdkException e) {
        deleteFailures.add(chunk.size());
        report("deleting " + chunk.size() + " processed messages failed", e);
        continue;
      }
      long now = clock.millis();
      for (DeleteMessageBatchResultEntry entry : response.successful()) {
        processed.increment();
        String sent =
            chunk.get(Integer.parseInt(entry.id())).attributes()
                .get(MessageSystemAttributeName.SENT_TIMESTAMP);
        if (sent != null) {
          synchronized (latency) {
            latency.recordValue(Math.max(0, now - Long.parseLong(sent)));
          }
        }
      }
      for (BatchResultErrorEntry entry : response.failed()) {
        deleteFailures.increment();
        lastError = "deleting a processed message failed: " + entry.code() + " " + entry.message();
      }
    }
  }

  private void pause(Duration duration) {
    try {
      stopping.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void report(String what, Exception e) {
    lastError = what + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
    LOG.log(System.Logger.Level.WARNING, "SQS event source of " + functionName + ": " + lastError);
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static long ceilDiv(long dividend, long divisor) {
    return (dividend + divisor - 1) / divisor;
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
