package dev.perfkit.core.batch;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import dev.perfkit.core.Preconditions;
import dev.perfkit.core.time.Ticker;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Runs a {@link RecordHandler} over a Kinesis or DynamoDB Streams event and answers with the
 * partial-batch response Lambda expects when the event source mapping has {@code
 * ReportBatchItemFailures}.
 *
 * <p>A stream keeps its order per shard, and Lambda resumes a shard from a checkpoint: a sequence
 * number. So the records of one shard are handled one after another; at the first failure the shard
 * stops, and the response reports that record's sequence number ({@code kinesis.sequenceNumber}, or
 * {@code dynamodb.SequenceNumber}) as its {@code itemIdentifier}. Lambda retries from the lowest
 * sequence number reported, so the shard's later records, not attempted, are retried with it
 * without being listed. Shards run in parallel on the injected executor (Kinesis records name their
 * shard in {@code eventID}; a DynamoDB Streams batch is one shard).
 *
 * <p>A handler that throws an {@link Exception} fails its record only. A handler that throws an
 * {@link Error} fails the invocation: once the shards already running have finished, {@link
 * #process} rethrows it, and Lambda retries the whole batch.
 *
 * <p>Instances are immutable and thread-safe; build one per handler and reuse it.
 *
 * @param <E> the event type: {@link KinesisEvent} or {@link DynamodbEvent}
 */
public final class StreamBatchProcessor<E> {

  private final StreamBatch<E, ?> batch;

  private StreamBatchProcessor(StreamBatch<E, ?> batch) {
    this.batch = batch;
  }

  /**
   * A builder for a processor of Kinesis Data Streams events that runs {@code handler} for each
   * record.
   *
   * @param handler handles one record; throws to fail it
   * @return the builder
   */
  public static Builder<KinesisEvent> kinesis(RecordHandler<KinesisEventRecord> handler) {
    return builder(StreamSource.KINESIS, handler);
  }

  /**
   * A builder for a processor of DynamoDB Streams events that runs {@code handler} for each record.
   *
   * @param handler handles one record; throws to fail it
   * @return the builder
   */
  public static Builder<DynamodbEvent> dynamodbStreams(
      RecordHandler<DynamodbStreamRecord> handler) {
    return builder(StreamSource.DYNAMODB_STREAMS, handler);
  }

  private static <E, R> Builder<E> builder(StreamSource<E, R> source, RecordHandler<R> handler) {
    Objects.requireNonNull(handler, "handler");
    return new Builder<>(
        (executor, ticker) -> new StreamBatch<>(source, handler, executor, ticker));
  }

  /**
   * Processes the records of {@code event}, each shard in order, and returns where each shard with
   * a failure must resume.
   *
   * @param event the event Lambda delivered
   * @return the partial-batch response, the records that did not succeed and the statistics
   * @throws IllegalArgumentException when the event has no {@code Records} list or a null record,
   *     or when the record to report has no sequence number: Lambda would fail the whole batch on
   *     an empty {@code itemIdentifier}, so the invocation fails instead, naming the field
   * @throws Error what a handler threw, when it threw an {@code Error}
   */
  public StreamBatchResult process(E event) {
    return batch.process(event);
  }

  /**
   * Configures a {@link StreamBatchProcessor}; every option is optional and may be set once.
   *
   * @param <E> the event type
   */
  public static final class Builder<E> {

    private final BiFunction<Executor, Ticker, StreamBatch<E, ?>> batch;
    private Executor executor;
    private Ticker ticker;

    private Builder(BiFunction<Executor, Ticker, StreamBatch<E, ?>> batch) {
      this.batch = batch;
    }

    /**
     * Where shards run, each as one task; bound it (e.g. a fixed pool) to bound the parallelism. It
     * must run or reject every task: a rejected shard's first record is reported as failed.
     * Default: the calling thread, one shard after another.
     *
     * @param executor the executor
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder<E> executor(Executor executor) {
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
    public Builder<E> ticker(Ticker ticker) {
      this.ticker = Preconditions.setOnce("ticker", this.ticker, ticker);
      return this;
    }

    /**
     * The processor.
     *
     * @return the processor
     */
    public StreamBatchProcessor<E> build() {
      return new StreamBatchProcessor<>(
          batch.apply(
              executor == null ? Runnable::run : executor,
              ticker == null ? Ticker.system() : ticker));
    }
  }
}
