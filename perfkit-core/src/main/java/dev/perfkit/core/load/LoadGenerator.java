package dev.perfkit.core.load;

import dev.perfkit.core.Preconditions;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.core.time.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Sends a fixed number of requests to a {@link Target} from {@code concurrency} threads and reports
 * counts and latencies.
 *
 * <ul>
 *   <li>Closed loop (default): each thread starts its next request as soon as the previous one
 *       returns, so {@code concurrency} requests are in flight at all times: no batches, no pauses.
 *       Latency runs from each request's start.
 *   <li>Open loop ({@link Builder#targetRps}): request {@code i} is due at {@code start + i /
 *       targetRps}; latency runs from that intended start, so a stall of the target shows in the
 *       percentiles of every request it delayed (no coordinated omission). {@code concurrency} caps
 *       the requests in flight.
 * </ul>
 *
 * <pre>{@code
 * LoadReport report = LoadGenerator.builder()
 *     .totalRequests(1000)
 *     .concurrency(50)
 *     .budget(Duration.ofMillis(context.getRemainingTimeInMillis() - 5000))
 *     .build()
 *     .run(requestId -> callService() ? Outcome.success() : Outcome.failure("HTTP 500"));
 * }</pre>
 *
 * <p>Instances are immutable; each {@link #run} is independent.
 */
public final class LoadGenerator {

  /** The largest accepted concurrency. */
  public static final int MAX_CONCURRENCY = 1000;

  /** The largest accepted open-loop rate, in requests per second. */
  public static final double MAX_TARGET_RPS = 1_000_000;

  final long totalRequests;
  final int concurrency;
  final double targetRps;
  final Duration budget;
  final Ticker ticker;
  final ThreadFactory threadFactory;
  final long progressEvery;
  final ProgressListener progressListener;

  private LoadGenerator(Builder builder) {
    this.totalRequests = builder.totalRequests;
    this.concurrency = builder.concurrency == null ? 1 : builder.concurrency;
    this.targetRps = builder.targetRps == null ? 0 : builder.targetRps;
    this.budget = builder.budget;
    this.ticker = builder.ticker == null ? Ticker.system() : builder.ticker;
    this.threadFactory =
        builder.threadFactory == null
            ? DaemonThreadFactory.named("perfkit-load")
            : builder.threadFactory;
    this.progressEvery = builder.progressEvery == null ? 0 : builder.progressEvery;
    this.progressListener = builder.progressListener;
  }

  /**
   * A builder; only {@link Builder#totalRequests} is required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the load test and returns what it measured. Stops early, with a report marked {@code
   * truncated}, when the budget runs out or the calling thread is interrupted (the interrupt flag
   * is kept); requests in flight then finish first.
   *
   * @param target sends one request
   * @return what the run measured
   * @throws Error what the target threw, when it threw an {@code Error}
   * @throws RuntimeException what the progress listener threw
   */
  public LoadReport run(Target target) {
    return new LoadRun(this, Objects.requireNonNull(target, "target")).execute();
  }

  /**
   * Configures a {@link LoadGenerator}; each option may be set once, and each setter rejects bad
   * values at once.
   */
  public static final class Builder {

    private Long totalRequests;
    private Integer concurrency;
    private Double targetRps;
    private Duration budget;
    private Ticker ticker;
    private ThreadFactory threadFactory;
    private Long progressEvery;
    private ProgressListener progressListener;

    private Builder() {}

    /**
     * How many requests to send. Required.
     *
     * @param totalRequests at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when it was already set
     */
    public Builder totalRequests(long totalRequests) {
      if (totalRequests < 1) {
        throw new IllegalArgumentException("totalRequests must be >= 1, was " + totalRequests);
      }
      this.totalRequests =
          Preconditions.setOnce("totalRequests", this.totalRequests, totalRequests);
      return this;
    }

    /**
     * Requests in flight at once. Default 1.
     *
     * @param concurrency 1 to {@value LoadGenerator#MAX_CONCURRENCY}
     * @return this builder
     * @throws IllegalArgumentException when out of range
     * @throws IllegalStateException when it was already set
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new IllegalArgumentException(
            "concurrency must be between 1 and " + MAX_CONCURRENCY + ", was " + concurrency);
      }
      this.concurrency = Preconditions.setOnce("concurrency", this.concurrency, concurrency);
      return this;
    }

    /**
     * Switches to open-loop mode at this rate. The {@link #ticker} must then follow real time.
     *
     * @param targetRps requests per second, above 0 and at most 1,000,000
     * @return this builder
     * @throws IllegalArgumentException when out of range
     * @throws IllegalStateException when it was already set
     */
    public Builder targetRps(double targetRps) {
      if (!(targetRps > 0 && targetRps <= MAX_TARGET_RPS)) {
        throw new IllegalArgumentException(
            "targetRps must be above 0 and at most "
                + (long) MAX_TARGET_RPS
                + " requests per second, was "
                + targetRps);
      }
      this.targetRps = Preconditions.setOnce("targetRps", this.targetRps, targetRps);
      return this;
    }

    /**
     * Time allowed for the run, from its start. No request starts after it; leave room for the
     * requests in flight (e.g. a Lambda's remaining time minus its slowest request).
     *
     * @param budget a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when it was already set
     */
    public Builder budget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("budget must be positive, was " + budget);
      }
      this.budget = Preconditions.setOnce("budget", this.budget, budget);
      return this;
    }

    /**
     * The time of latencies and the budget. Default {@link Ticker#system()}.
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
     * Makes the {@code concurrency} worker threads of each run, e.g. virtual threads. Default:
     * daemon platform threads named {@code perfkit-load-N}.
     *
     * @param threadFactory the factory
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory =
          Preconditions.setOnce("threadFactory", this.threadFactory, threadFactory);
      return this;
    }

    /**
     * Calls {@code listener} every {@code every} completed requests.
     *
     * @param every at least 1
     * @param listener told of the progress, on a worker thread
     * @return this builder
     * @throws IllegalArgumentException when {@code every} is below 1
     * @throws IllegalStateException when it was already set
     */
    public Builder progress(long every, ProgressListener listener) {
      if (every < 1) {
        throw new IllegalArgumentException("progress interval must be >= 1 requests, was " + every);
      }
      Objects.requireNonNull(listener, "listener");
      this.progressEvery = Preconditions.setOnce("progress", this.progressEvery, every);
      this.progressListener = listener;
      return this;
    }

    /**
     * The generator.
     *
     * @return the generator
     * @throws IllegalStateException when {@link #totalRequests} was not set
     */
    public LoadGenerator build() {
      if (totalRequests == null) {
        throw new IllegalStateException("totalRequests is required");
      }
      return new LoadGenerator(this);
    }
  }
}
