package dev.perfkit.local.sqs;

import dev.perfkit.core.Preconditions;
import dev.perfkit.core.time.Ticker;
import dev.perfkit.local.lambda.LocalLambda;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda's SQS event source on one machine: pollers receive from a queue, hand batches to a
 * function of the local Lambda as the SQS event Lambda sends ({@code RequestResponse}), and delete
 * what the function processed.
 *
 * <ul>
 *   <li>A batch holds up to {@code batchSize} messages; with a batching window, receiving goes on
 *       until the batch is full or the window, from the first message, has passed.
 *   <li>After a successful invocation the batch is deleted, except, with {@code
 *       reportBatchItemFailures}, the messages in the response's {@code batchItemFailures}. An
 *       invalid response (not JSON, an empty, null or unknown {@code itemIdentifier}) fails the
 *       whole batch, as on Lambda. A function error or a throttle leaves the whole batch. What is
 *       left comes back after the queue's visibility timeout, and moves to the dead-letter queue
 *       after the redrive policy's {@code maxReceiveCount}.
 *   <li>Pollers scale as Lambda's do ({@link ScalingRamp}, services-sqs-scaling): the mapping
 *       starts with the ramp's initial concurrency (Lambda's five); every scaling interval the
 *       backlog ({@code ApproximateNumberOfMessages}) is sampled and, while it holds more batches
 *       than run, pollers are added at the ramp's rate (Lambda's 300 a minute), at most {@code
 *       maximumConcurrency} and the function's reserved concurrency. Failed invocations hold the
 *       ramp. A poller whose receive comes back empty stops, down to the initial concurrency; one
 *       above the function's reserved concurrency (lowered meanwhile) stops after its batch.
 * </ul>
 *
 * <pre>{@code
 * try (EventSourceMapping mapping =
 *     EventSourceMapping.builder(sqs.client(), queues.queueUrl(), lambda, "sqs-scaler")
 *         .maximumBatchingWindow(Duration.ofSeconds(1))
 *         .reportBatchItemFailures(true)
 *         .start()) {
 *   ...
 *   EventSourceStats stats = mapping.stats();
 * }
 * }</pre>
 */
public interface EventSourceMapping extends AutoCloseable {

  /** Samples of the backlog a mapping keeps: about 2 h 45 min at one per second. */
  int MAX_BACKLOG_SAMPLES = 10_000;

  /**
   * A builder for a mapping from the queue at {@code queueUrl} to {@code functionName}, with
   * Lambda's defaults: batch size 10, no batching window, no partial batch responses.
   *
   * @param sqs the client the pollers receive, delete and read queue attributes with
   * @param queueUrl the queue's URL; the queue must exist when the mapping starts
   * @param lambda the local Lambda whose function the batches go to
   * @param functionName the function's name; it must exist when the mapping starts
   * @return a new builder
   */
  static Builder builder(SqsClient sqs, String queueUrl, LocalLambda lambda, String functionName) {
    return new Builder(sqs, queueUrl, lambda, functionName);
  }

  /**
   * The queue's ARN.
   *
   * @return the ARN, the records' {@code eventSourceARN}
   */
  String queueArn();

  /**
   * What the mapping did so far.
   *
   * @return a snapshot of the counters, the latency and the backlog samples
   */
  EventSourceStats stats();

  /**
   * Stops receiving, lets the batches in flight finish (invocation and deletion), and waits for
   * that up to {@code timeout}. Messages received and not deleted come back after the visibility
   * timeout.
   *
   * @param timeout how long to wait for the batches in flight; past it they are interrupted
   * @return true when everything finished in time
   */
  boolean stop(Duration timeout);

  /** {@link #stop(Duration)} with the function's timeout plus a minute. */
  @Override
  void close();

  /** Configures and starts an {@link EventSourceMapping}; each option may be set once. */
  final class Builder {
    /** Lambda's largest SQS batch size for standard queues. */
    public static final int MAX_BATCH_SIZE = 10_000;

    final SqsClient sqs;
    final String queueUrl;
    final LocalLambda lambda;
    final String functionName;
    private String qualifier;
    private Integer batchSize;
    private Duration maximumBatchingWindow;
    private Integer maximumConcurrency;
    private Boolean reportBatchItemFailures;
    private Duration receiveWait;
    private Duration scalingInterval;
    private ScalingRamp ramp;
    private Clock clock;
    private Ticker ticker;

    private Builder(SqsClient sqs, String queueUrl, LocalLambda lambda, String functionName) {
      this.sqs = Objects.requireNonNull(sqs, "sqs");
      this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
      this.lambda = Objects.requireNonNull(lambda, "lambda");
      this.functionName = Objects.requireNonNull(functionName, "functionName");
    }

    /**
     * The version or alias to invoke.
     *
     * @param qualifier default {@code $LATEST}
     * @return this builder
     */
    public Builder qualifier(String qualifier) {
      this.qualifier = Preconditions.setOnce("qualifier", this.qualifier, qualifier);
      return this;
    }

    /**
     * Messages per invocation.
     *
     * @param batchSize 1 to {@value #MAX_BATCH_SIZE}; default 10
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException(
            "batchSize must be 1 to " + MAX_BATCH_SIZE + ", was " + batchSize);
      }
      this.batchSize = Preconditions.setOnce("batchSize", this.batchSize, batchSize);
      return this;
    }

    /**
     * {@code MaximumBatchingWindowInSeconds}: how long to gather a batch. At least 1 s when the
     * batch size is above 10.
     *
     * @param maximumBatchingWindow 0 to 300 whole seconds; default 0 (invoke with what one receive
     *     returns)
     * @return this builder
     */
    public Builder maximumBatchingWindow(Duration maximumBatchingWindow) {
      Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
      if (maximumBatchingWindow.getNano() != 0
          || maximumBatchingWindow.getSeconds() < 0
          || maximumBatchingWindow.getSeconds() > 300) {
        throw new IllegalArgumentException(
            "maximumBatchingWindow must be 0 to 300 whole seconds, was " + maximumBatchingWindow);
      }
      this.maximumBatchingWindow =
          Preconditions.setOnce(
              "maximumBatchingWindow", this.maximumBatchingWindow, maximumBatchingWindow);
      return this;
    }

    /**
     * {@code ScalingConfig.MaximumConcurrency}: the most concurrent invocations (pollers).
     *
     * @param maximumConcurrency 2 to 1000; default 5 rather than Lambda's unbounded, since each is
     *     an environment JVM here
     * @return this builder
     */
    public Builder maximumConcurrency(int maximumConcurrency) {
      if (maximumConcurrency < 2 || maximumConcurrency > 1000) {
        throw new IllegalArgumentException(
            "maximumConcurrency must be 2 to 1000, was " + maximumConcurrency);
      }
      this.maximumConcurrency =
          Preconditions.setOnce("maximumConcurrency", this.maximumConcurrency, maximumConcurrency);
      return this;
    }

    /**
     * {@code FunctionResponseTypes: [ReportBatchItemFailures]}: honour the response's {@code
     * batchItemFailures}. Off by default, as on Lambda: then a successful invocation deletes the
     * whole batch, whatever it returned.
     *
     * @param reportBatchItemFailures whether to honour partial batch responses
     * @return this builder
     */
    public Builder reportBatchItemFailures(boolean reportBatchItemFailures) {
      this.reportBatchItemFailures =
          Preconditions.setOnce(
              "reportBatchItemFailures", this.reportBatchItemFailures, reportBatchItemFailures);
      return this;
    }

    /**
     * The long-poll wait of a receive while no batch is being gathered.
     *
     * @param receiveWait 1 to 20 whole seconds; default 1 s, so that {@link
     *     EventSourceMapping#stop} is prompt
     * @return this builder
     */
    public Builder receiveWait(Duration receiveWait) {
      Objects.requireNonNull(receiveWait, "receiveWait");
      if (receiveWait.getNano() != 0
          || receiveWait.getSeconds() < 1
          || receiveWait.getSeconds() > 20) {
        throw new IllegalArgumentException(
            "receiveWait must be 1 to 20 whole seconds, was " + receiveWait);
      }
      this.receiveWait = Preconditions.setOnce("receiveWait", this.receiveWait, receiveWait);
      return this;
    }

    /**
     * How often the backlog is sampled and the pollers scaled.
     *
     * @param scalingInterval 10 ms to 1 minute; default 1 s
     * @return this builder
     */
    public Builder scalingInterval(Duration scalingInterval) {
      Objects.requireNonNull(scalingInterval, "scalingInterval");
      if (scalingInterval.compareTo(Duration.ofMillis(10)) < 0
          || scalingInterval.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "scalingInterval must be 10 ms to 1 minute, was " + scalingInterval);
      }
      this.scalingInterval =
          Preconditions.setOnce("scalingInterval", this.scalingInterval, scalingInterval);
      return this;
    }

    /**
     * How fast the pollers scale up: on a machine running a fraction of the account's concurrency,
     * Lambda's ramp scaled by the same fraction.
     *
     * @param ramp default {@link ScalingRamp#LAMBDA}: five to start, then up to 300 more a minute
     * @return this builder
     */
    public Builder ramp(ScalingRamp ramp) {
      this.ramp = Preconditions.setOnce("ramp", this.ramp, ramp);
      return this;
    }

    /**
     * The clock of the batching window, the samples and the end-to-end latency (against the queue's
     * {@code SentTimestamp}, so it must tell the time the queue tells).
     *
     * @param clock default: UTC system clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Preconditions.setOnce("clock", this.clock, clock);
      return this;
    }

    /**
     * The ticker of the scaling ramp and of {@link EventSourceMapping#stop}'s bound.
     *
     * @param ticker default: {@link Ticker#system()}
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Preconditions.setOnce("ticker", this.ticker, ticker);
      return this;
    }

    /**
     * Starts polling.
     *
     * @return the running mapping
     * @throws IllegalArgumentException when the batch size is above 10 without a batching window
     * @throws dev.perfkit.local.lambda.LocalLambdaException when the function does not exist
     * @throws software.amazon.awssdk.services.sqs.model.SqsException when the queue does not
     */
    public EventSourceMapping start() {
      if (batchSize() > 10 && maximumBatchingWindow().isZero()) {
        throw new IllegalArgumentException(
            "maximumBatchingWindow must be at least 1 second when batchSize is above 10, batchSize"
                + " was "
                + batchSize());
      }
      return DefaultEventSourceMapping.start(this);
    }

    Optional<String> qualifier() {
      return Optional.ofNullable(qualifier);
    }

    int batchSize() {
      return batchSize == null ? 10 : batchSize;
    }

    Duration maximumBatchingWindow() {
      return maximumBatchingWindow == null ? Duration.ZERO : maximumBatchingWindow;
    }

    int maximumConcurrency() {
      return maximumConcurrency == null ? 5 : maximumConcurrency;
    }

    boolean reportBatchItemFailures() {
      return reportBatchItemFailures != null && reportBatchItemFailures;
    }

    Duration receiveWait() {
      return receiveWait == null ? Duration.ofSeconds(1) : receiveWait;
    }

    Duration scalingInterval() {
      return scalingInterval == null ? Duration.ofSeconds(1) : scalingInterval;
    }

    ScalingRamp ramp() {
      return ramp == null ? ScalingRamp.LAMBDA : ramp;
    }

    Clock clock() {
      return clock == null ? Clock.systemUTC() : clock;
    }

    Ticker ticker() {
      return ticker == null ? Ticker.system() : ticker;
    }
  }
}
