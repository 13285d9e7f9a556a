package dev.perfkit.core.load;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Sends a fixed number of requests to a {@link Target} from {@code concurrency} threads and
 * reports counts and latencies.
 *
 * <ul>
 *   <li>Closed loop (default): each thread starts its next request as soon as the previous one
 *       returns, so {@code concurrency} requests are in flight at all times: no batches, no
 *       pauses. Latency runs from each request's start.
 *   <li>Open loop ({@link Builder#targetRps}): request {@code i} is due at
 *       {@code start + i / targetRps}; latency runs from that intended start, so a stall of the
 *       target shows in the percentiles of every request it delayed (no coordinated omission).
 *       {@code concurrency} caps the requests in flight.
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
  final LongSupplier ticker;
  final ThreadFactory threadFactory;
  final long progressEvery;
  final ProgressListener progressListener;

  private LoadGenerator(Builder builder) {
    this.totalRequests = builder.totalRequests;
    this.concurrency = builder.concurrency;
    this.targetRps = builder.targetRps;
    this.budget = builder.budget;
    this.ticker = builder.ticker;
    this.threadFactory = builder.threadFactory;
    this.progressEvery = builder.progressEvery;
    this.progressListener = builder.progressListener;
  }

  /** A builder; only {@link Builder#totalRequests} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the load test and returns what it measured. Stops early, with a report marked
   * {@code truncated}, when the budget runs out or the calling thread is interrupted (the
   * interrupt flag is kept); requests in flight then finish first.
   *
   * @throws Error what the target threw, when it threw an {@code Error}
   * @throws RuntimeException what the progress listener threw
   */
  public LoadReport run(Target target) {
    return new LoadRun(this, Objects.requireNonNull(target, "target")).execute();
  }

  /** Configures a {@link LoadGenerator}; each setter rejects bad values at once. */
  public static final class Builder {

    private long totalRequests;
    private int concurrency = 1;
    private double targetRps;
    private Duration budget;
    private LongSupplier ticker = System::nanoTime;
    private ThreadFactory threadFactory = defaultThreadFactory();
    private long progressEvery;
    private ProgressListener progressListener;

    private Builder() {}

    /** How many requests to send, at least 1. Required. */
    public Builder totalRequests(long totalRequests) {
      if (totalRequests < 1) {
        throw new IllegalArgumentException("totalRequests must be >= 1, was " + totalRequests);
      }
      this.totalRequests = totalRequests;
      return this;
    }

    /** Requests in flight at once, 1 to {@value LoadGenerator#MAX_CONCURRENCY}. Default 1. */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        throw new IllegalArgumentException(
            "concurrency must be between 1 and " + MAX_CONCURRENCY + ", was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Switches to open-loop mode at this rate, in requests per second, above 0 and at most
     * 1,000,000. The {@link #ticker} must then follow real time.
     */
    public Builder targetRps(double targetRps) {
      if (!(targetRps > 0 && targetRps <= MAX_TARGET_RPS)) {
        throw new IllegalArgumentException("targetRps must be above 0 and at most "
            + (long) MAX_TARGET_RPS + " requests per second, was " + targetRps);
      }
      this.targetRps = targetRps;
      return this;
    }

    /**
     * Time allowed for the run, from its start. No request starts after it; leave room for
     * the requests in flight (e.g. a Lambda's remaining time minus its slowest request).
     */
    public Builder budget(Duration budget) {
      Objects.requireNonNull(budget, "budget");
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("budget must be positive, was " + budget);
      }
      this.budget = budget;
      return this;
    }

    /** The nanosecond clock for latencies and the budget. Default {@link System#nanoTime()}. */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Makes the {@code concurrency} worker threads of each run, e.g. virtual threads. Default:
     * daemon platform threads named {@code perfkit-load-N}.
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /** Calls {@code listener} every {@code every} completed requests (at least 1). */
    public Builder progress(long every, ProgressListener listener) {
      if (every < 1) {
        throw new IllegalArgumentException("progress interval must be >= 1 requests, was " + every);
      }
      this.progressListener = Objects.requireNonNull(listener, "listener");
      this.progressEvery = every;
      return this;
    }

    /**
     * The generator.
     *
     * @throws IllegalStateException when {@link #totalRequests} was not set
     */
    public LoadGenerator build() {
      if (totalRequests == 0) {
        throw new IllegalStateException("totalRequests is required");
      }
      return new LoadGenerator(this);
    }

    private static ThreadFactory defaultThreadFactory() {
      AtomicInteger count = new AtomicInteger();
      return task -> {
        Thread thread = new Thread(task, "perfkit-load-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      };
    }
  }
}
