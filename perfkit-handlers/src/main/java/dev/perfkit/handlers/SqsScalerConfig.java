package dev.perfkit.handlers;

import dev.perfkit.core.Environment;
import dev.perfkit.core.Preconditions;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.time.Sleeper;
import dev.perfkit.core.time.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How a {@link SqsScaler} works: what Lambda's no-argument constructor reads from the environment
 * ({@link #fromEnvironment}), or what a test or embedding code sets ({@link #builder()}).
 *
 * @param namespace the CloudWatch namespace of the per-batch EMF document
 * @param workPerMessage simulated work per message (the lab's 10 ms); zero for none
 * @param sleeper waits out the simulated work
 * @param executor where messages of standard queues run; FIFO batches run on the calling thread
 * @param sink where EMF documents go
 * @param clock the timestamp of each EMF document
 * @param ticker the time that times batches
 * @param functionName the {@code FunctionName} dimension; when empty, the invocation's {@code
 *     Context} names the function
 * @param coldStarts tells whether an invocation is the environment's first
 */
public record SqsScalerConfig(
    String namespace,
    Duration workPerMessage,
    Sleeper sleeper,
    Executor executor,
    MetricsSink sink,
    Clock clock,
    Ticker ticker,
    Optional<String> functionName,
    ColdStartTracker coldStarts) {

  /** {@value}: the EMF namespace. */
  public static final String NAMESPACE_VARIABLE = "PERFKIT_NAMESPACE";

  /** {@value}: simulated work per message in whole milliseconds. */
  public static final String WORK_VARIABLE = "PERFKIT_SQS_WORK_MS";

  /** {@value}: threads that process the messages of a standard queue's batch. */
  public static final String PARALLELISM_VARIABLE = "PERFKIT_SQS_PARALLELISM";

  /** {@value}: set by Lambda to the function's name. */
  public static final String FUNCTION_NAME_VARIABLE = "AWS_LAMBDA_FUNCTION_NAME";

  /** {@value}: the lab's namespace. */
  public static final String DEFAULT_NAMESPACE = "HighPerformance";

  /** 10 ms per message, as the lab's {@code time.sleep(0.01)}. */
  public static final Duration DEFAULT_WORK = Duration.ofMillis(10);

  /** 10 threads: one per message of the lab's batch size of 10. */
  public static final int DEFAULT_PARALLELISM = 10;

  static final long MAX_WORK_MILLIS = 60_000;
  static final int MAX_PARALLELISM = 100;

  /**
   * Rejects nulls, negative or too long work, and an invalid namespace.
   *
   * @param namespace the CloudWatch namespace
   * @param workPerMessage simulated work per message, 0 to 60 s
   * @param sleeper waits out the simulated work
   * @param executor where messages of standard queues run
   * @param sink where EMF documents go
   * @param clock the timestamp of each EMF document
   * @param ticker the time that times batches
   * @param functionName the {@code FunctionName} dimension, or empty; blank counts as empty
   * @param coldStarts tells whether an invocation is the environment's first
   */
  public SqsScalerConfig {
    checkNamespace(namespace);
    checkWork(workPerMessage);
    Objects.requireNonNull(sleeper, "sleeper");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(functionName, "functionName");
    functionName = functionName.filter(name -> !name.isBlank());
    Objects.requireNonNull(coldStarts, "coldStarts");
  }

  /**
   * A builder with the defaults: the lab's namespace and work, 10 threads, standard output.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration Lambda's no-argument constructor uses, read from {@code environment}:
   *
   * <ul>
   *   <li>{@value #NAMESPACE_VARIABLE}: EMF namespace, default {@value #DEFAULT_NAMESPACE};
   *   <li>{@value #WORK_VARIABLE}: simulated work per message, 0 to 60000 ms, default 10;
   *   <li>{@value #PARALLELISM_VARIABLE}: threads for standard queues, 1 to 100, default 10;
   *   <li>{@value #FUNCTION_NAME_VARIABLE}: the {@code FunctionName} dimension.
   * </ul>
   *
   * Metrics go to standard output, cold starts are told by {@link ColdStartTracker#shared()}.
   *
   * @param environment where the variables are read
   * @return the configuration
   * @throws IllegalArgumentException naming the variable and its allowed values when a value is
   *     invalid
   */
  public static SqsScalerConfig fromEnvironment(Environment environment) {
    Objects.requireNonNull(environment, "environment");
    Builder builder = builder();
    environment
        .get(NAMESPACE_VARIABLE)
        .ifPresent(
            namespace -> {
              try {
                builder.namespace(namespace);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(NAMESPACE_VARIABLE + ": " + e.getMessage(), e);
              }
            });
    environment
        .get(WORK_VARIABLE)
        .ifPresent(
            value ->
                builder.workPerMessage(
                    Duration.ofMillis(
                        parse(WORK_VARIABLE, value, 0, MAX_WORK_MILLIS, "milliseconds"))));
    environment
        .get(PARALLELISM_VARIABLE)
        .ifPresent(
            value ->
                builder.parallelism(
                    (int) parse(PARALLELISM_VARIABLE, value, 1, MAX_PARALLELISM, "threads")));
    environment.get(FUNCTION_NAME_VARIABLE).ifPresent(builder::functionName);
    return builder.build();
  }

  private static long parse(String variable, String value, long min, long max, String unit) {
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      parsed = Long.MIN_VALUE;
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(
          variable
              + " must be a whole number from "
              + min
              + " to "
              + max
              + " ("
              + unit
              + "), was '"
              + value
              + "'");
    }
    return parsed;
  }

  private static void checkNamespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    MetricsEmitter.builder().namespace(namespace);
  }

  private static void checkWork(Duration work) {
    Objects.requireNonNull(work, "workPerMessage");
    if (work.isNegative() || work.compareTo(Duration.ofMillis(MAX_WORK_MILLIS)) > 0) {
      throw new IllegalArgumentException(
          "workPerMessage must be from 0 to " + MAX_WORK_MILLIS + " ms, was " + work);
    }
  }

  /**
   * A bounded pool of daemon threads, so that it never keeps a JVM alive; idle threads end after a
   * minute, so a discarded handler leaves none behind and needs no close.
   */
  static Executor boundedPool(int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreadFactory.named("perfkit-sqs"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Configures a {@link SqsScalerConfig}; each option may be set once, and all are optional. */
  public static final class Builder {
    private String namespace;
    private Duration workPerMessage;
    private Sleeper sleeper;
    private Integer parallelism;
    private Executor executor;
    private MetricsSink sink;
    private Clock clock;
    private Ticker ticker;
    private String functionName;
    private ColdStartTracker coldStarts;

    private Builder() {}

    /**
     * The EMF namespace; default {@value #DEFAULT_NAMESPACE}.
     *
     * @param namespace a CloudWatch namespace
     * @return this builder
     * @throws IllegalArgumentException for an invalid namespace
     * @throws IllegalStateException when it was already set
     */
    public Builder namespace(String namespace) {
      checkNamespace(namespace);
      this.namespace = Preconditions.setOnce("namespace", this.namespace, namespace);
      return this;
    }

    /**
     * Simulated work per message; default 10 ms.
     *
     * @param workPerMessage 0 to 60 s
     * @return this builder
     * @throws IllegalArgumentException when out of range
     * @throws IllegalStateException when it was already set
     */
    public Builder workPerMessage(Duration workPerMessage) {
      checkWork(workPerMessage);
      this.workPerMessage =
          Preconditions.setOnce("workPerMessage", this.workPerMessage, workPerMessage);
      return this;
    }

    /**
     * What waits out the simulated work; default {@link Sleeper#system()}.
     *
     * @param sleeper the sleeper
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Preconditions.setOnce("sleeper", this.sleeper, sleeper);
      return this;
    }

    /**
     * Threads of the pool the handler creates for standard queues; default 10. Not together with
     * {@link #executor}.
     *
     * @param parallelism 1 to 100
     * @return this builder
     * @throws IllegalArgumentException when out of range
     * @throws IllegalStateException when it or an executor was already set
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
        throw new IllegalArgumentException(
            "parallelism must be from 1 to " + MAX_PARALLELISM + ", was " + parallelism);
      }
      if (executor != null) {
        throw new IllegalStateException(
            "executor was already set; parallelism sizes only the" + " pool the handler creates");
      }
      this.parallelism = Preconditions.setOnce("parallelism", this.parallelism, parallelism);
      return this;
    }

    /**
     * Runs the messages of standard queues; its owner bounds and stops it. It must run or reject
     * every task (a rejected message is reported as failed). Not together with {@link
     * #parallelism}.
     *
     * @param executor the executor
     * @return this builder
     * @throws IllegalStateException when it or a parallelism was already set
     */
    public Builder executor(Executor executor) {
      Objects.requireNonNull(executor, "executor");
      if (parallelism != null) {
        throw new IllegalStateException("parallelism was already set; an executor brings its own");
      }
      this.executor = Preconditions.setOnce("executor", this.executor, executor);
      return this;
    }

    /**
     * Where EMF documents go; default standard output.
     *
     * @param sink the sink
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder sink(MetricsSink sink) {
      this.sink = Preconditions.setOnce("sink", this.sink, sink);
      return this;
    }

    /**
     * The EMF timestamp's clock; default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder clock(Clock clock) {
      this.clock = Preconditions.setOnce("clock", this.clock, clock);
      return this;
    }

    /**
     * The time of batch times; default {@link Ticker#system()}.
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
     * The {@code FunctionName} dimension; default the invocation's {@code Context}.
     *
     * @param functionName the function's name, not blank
     * @return this builder
     * @throws IllegalArgumentException when blank
     * @throws IllegalStateException when it was already set
     */
    public Builder functionName(String functionName) {
      Objects.requireNonNull(functionName, "functionName");
      if (functionName.isBlank()) {
        throw new IllegalArgumentException("functionName must not be blank");
      }
      this.functionName = Preconditions.setOnce("functionName", this.functionName, functionName);
      return this;
    }

    /**
     * The cold-start tracker; default {@link ColdStartTracker#shared()}.
     *
     * @param coldStarts the tracker
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder coldStarts(ColdStartTracker coldStarts) {
      this.coldStarts = Preconditions.setOnce("coldStarts", this.coldStarts, coldStarts);
      return this;
    }

    /**
     * The configuration; creates the thread pool unless an executor was given.
     *
     * @return the configuration
     */
    public SqsScalerConfig build() {
      return new SqsScalerConfig(
          namespace == null ? DEFAULT_NAMESPACE : namespace,
          workPerMessage == null ? DEFAULT_WORK : workPerMessage,
          sleeper == null ? Sleeper.system() : sleeper,
          executor != null
              ? executor
              : boundedPool(parallelism == null ? DEFAULT_PARALLELISM : parallelism),
          sink == null ? MetricsSink.stdout() : sink,
          clock == null ? Clock.systemUTC() : clock,
          ticker == null ? Ticker.system() : ticker,
          Optional.ofNullable(functionName),
          coldStarts == null ? ColdStartTracker.shared() : coldStarts);
    }
  }
}
