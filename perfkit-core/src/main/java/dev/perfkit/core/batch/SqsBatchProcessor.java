package dev.perfkit.core.batch;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.perfkit.core.Preconditions;
import dev.perfkit.core.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;

/**
 * Runs a {@link MessageHandler} over an {@link SQSEvent} and answers with the partial-batch
 * response Lambda expects when the event source mapping has {@code ReportBatchItemFailures}.
 *
 * <ul>
 *   <li>Standard queue: every message is handled, in parallel on the injected executor; each
 *       message whose handler throws is reported by its {@code messageId}, in batch order.
 *   <li>FIFO queue (an {@code eventSourceARN} ending in {@code .fifo}, or a {@code MessageGroupId}
 *       attribute): messages are handled in order on the calling thread; at the first failure
 *       processing stops and that message and every later one are reported, as the Lambda
 *       documentation asks, so that SQS keeps the group's order.
 * </ul>
 *
 * <p>A handler that throws an {@link Exception} fails its message only. A handler that throws an
 * {@link Error} (out of memory, stack overflow, a linkage error) fails the invocation: once the
 * messages already running have finished, {@link #process} rethrows it, and Lambda retries the
 * whole batch. Reporting partial success from a JVM in that state would not be trustworthy.
 *
 * <p>Instances are immutable and thread-safe; build one per handler and reuse it.
 */
public final class SqsBatchProcessor {

  private final MessageHandler handler;
  private final Executor executor;
  private final Ticker ticker;

  private SqsBatchProcessor(Builder builder) {
    this.handler = builder.handler;
    this.executor = builder.executor == null ? Runnable::run : builder.executor;
    this.ticker = builder.ticker == null ? Ticker.system() : builder.ticker;
  }

  /**
   * A builder for a processor that runs {@code handler} for each message.
   *
   * @param handler handles one message; throws to fail it
   * @return the builder
   */
  public static Builder builder(MessageHandler handler) {
    return new Builder(Objects.requireNonNull(handler, "handler"));
  }

  /**
   * Processes every message of {@code event} and returns the failed ones.
   *
   * @param event the SQS event Lambda delivered
   * @return the partial-batch response, the failures and the batch's statistics
   * @throws IllegalArgumentException when the event has no {@code Records} list or a null record,
   *     or when a failed message has no {@code messageId}: Lambda could not tell it from the others
   *     and would fail the whole batch, so the invocation fails instead, naming the field
   * @throws Error what a handler threw, when it threw an {@code Error}
   */
  public BatchResult process(SQSEvent event) {
    Objects.requireNonNull(event, "event");
    List<SQSMessage> records = EventFields.records(event.getRecords(), "an SQS event");
    long start = ticker.read();
    BatchRun run =
        isFifo(records)
            ? BatchRun.run(
                records, List.of(indices(records.size())), handler::handle, Runnable::run)
            : BatchRun.run(records, singletons(records.size()), handler::handle, executor);
    Duration batchTime = Duration.ofNanos(Math.max(0, ticker.read() - start));
    run.rethrowErrors();
    return result(records, run, batchTime);
  }

  static boolean isFifo(List<SQSMessage> records) {
    for (SQSMessage message : records) {
      String arn = message.getEventSourceArn();
      Map<String, String> attributes = message.getAttributes();
      if ((arn != null && arn.endsWith(".fifo"))
          || (attributes != null && attributes.containsKey("MessageGroupId"))) {
        return true;
      }
    }
    return false;
  }

  private static List<Integer> indices(int size) {
    return IntStream.range(0, size).boxed().toList();
  }

  private static List<List<Integer>> singletons(int size) {
    return IntStream.range(0, size).mapToObj(List::of).toList();
  }

  private static BatchResult result(List<SQSMessage> records, BatchRun run, Duration batchTime) {
    List<MessageFailure> failures = new ArrayList<>();
    List<BatchItemFailure> itemFailures = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (!run.succeeded(i)) {
        String messageId =
            EventFields.itemIdentifier(records.get(i).getMessageId(), i, "messageId");
        failures.add(new MessageFailure(messageId, run.cause(i)));
        itemFailures.add(new BatchItemFailure(messageId));
      }
    }
    return new BatchResult(new SQSBatchResponse(itemFailures), failures, run.statistics(batchTime));
  }

  /** Configures a {@link SqsBatchProcessor}; every option is optional and may be set once. */
  public static final class Builder {

    private final MessageHandler handler;
    private Executor executor;
    private Ticker ticker;

    private Builder(MessageHandler handler) {
      this.handler = handler;
    }

    /**
     * Where messages of standard queues run; bound it (e.g. a fixed pool) to bound the parallelism.
     * It must run or reject every task: a rejected message is reported as failed. Default: the
     * calling thread, one message after another.
     *
     * @param executor the executor
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder executor(Executor executor) {
      this.executor = Preconditions.setOnce("executor", this.executor, executor);
      return this;
    }

    /**
     * The time that times batches. Default: {@link Ticker#system()}.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Preconditions.setOnce("ticker", this.ticker, ticker);
      return this;
    }

    /**
     * The processor.
     *
     * @return the processor
     */
    public SqsBatchProcessor build() {
      return new SqsBatchProcessor(this);
    }
  }
}
