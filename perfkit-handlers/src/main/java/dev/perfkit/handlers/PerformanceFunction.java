package dev.perfkit.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.Preconditions;
import dev.perfkit.core.apigateway.ApiGatewayPipeline;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.routing.Operation;
import dev.perfkit.core.routing.OperationRouter;
import dev.perfkit.core.time.Sleeper;
import dev.perfkit.core.time.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The lab's high-performance function: an API Gateway proxy request names an {@code operation}
 * (query string or JSON body) and gets {@code {"result": {...}, "performance": {...}}} back, with
 * one EMF document of {@link LabMetrics} per invocation.
 *
 * <p>Operations: {@value #CONCURRENT_PROCESSING}, {@value #DATABASE_BATCH}, {@value
 * #STREAM_PROCESSING}, {@value #CPU_INTENSIVE}, {@value #MEMORY_TEST} and {@value #DEFAULT} (when
 * none is named). A parameter out of range is a 400 naming it and its allowed values.
 *
 * <p>Handler strings: {@code dev.perfkit.handlers.PerformanceFunction::handleRequest} (an {@code
 * APIGatewayProxyRequestEvent}, whose {@code body} is a string) and {@code
 * dev.perfkit.handlers.PerformanceFunction::handleStream} (the same event read as raw JSON, so that
 * a direct invocation may also give {@code body} as a JSON object).
 *
 * <p>Environment: {@value #TABLE_NAME_VARIABLE}, {@value #EXTERNAL_URL_VARIABLE}, {@value
 * LabMetrics#NAMESPACE_VARIABLE}, and the SDK's {@code AWS_REGION} and {@code
 * AWS_ENDPOINT_URL_DYNAMODB} through the {@link ClientRegistry}.
 */
public class PerformanceFunction
    implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

  /** Operation: {@code concurrency} (1-1000) tasks of simulated 100 ms I/O on 10 workers. */
  public static final String CONCURRENT_PROCESSING = "concurrent_processing";

  /** Operation: three batches of {@code dataSize} records written to the DynamoDB table. */
  public static final String DATABASE_BATCH = "database_batch";

  /** Operation: the request's {@code records} processed in chunks of 50. */
  public static final String STREAM_PROCESSING = "stream_processing";

  /** Operation: the exact sum of squares below {@code iterations} (0-100,000,000). */
  public static final String CPU_INTENSIVE = "cpu_intensive";

  /** Operation: lists of {@code dataSize} boxed integers allocated and processed. */
  public static final String MEMORY_TEST = "memory_test";

  /** Operation of requests that name none: one GET of {@value #EXTERNAL_URL_VARIABLE}. */
  public static final String DEFAULT = "default";

  /** The DynamoDB table of {@value #DATABASE_BATCH}; unset, that operation answers a 500. */
  public static final String TABLE_NAME_VARIABLE = "PERFKIT_TABLE_NAME";

  /** The URL the {@value #DEFAULT} operation GETs. */
  public static final String EXTERNAL_URL_VARIABLE = "PERFKIT_EXTERNAL_URL";

  /** The URL when {@value #EXTERNAL_URL_VARIABLE} is unset: the lab's. */
  public static final String DEFAULT_EXTERNAL_URL = "https://httpbin.org/uuid";

  /** The table's partition key, a string: each record's random UUID. */
  public static final String TABLE_PARTITION_KEY = "id";

  /** The table's TTL attribute: epoch seconds one day after the record was written. */
  public static final String TABLE_TTL_ATTRIBUTE = "expires_at";

  /** The time kept before the invocation's deadline for answering: no new work starts in it. */
  static final Duration DEADLINE_RESERVE = Duration.ofMillis(250);

  private final ApiGatewayPipeline pipeline;

  /**
   * What Lambda calls: the process environment, the shared {@link ClientRegistry} and {@link
   * ColdStartTracker}, EMF documents to standard output.
   */
  public PerformanceFunction() {
    this(
        Configuration.builder(Environment.system(), ClientRegistry.shared())
            .coldStarts(ColdStartTracker.shared())
            .build());
  }

  /**
   * A function with an explicit configuration, for tests and embedding.
   *
   * @param configuration what it runs with
   */
  public PerformanceFunction(Configuration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    Ticker ticker = configuration.ticker();
    ObjectMapper mapper = ApiGatewayPipeline.defaultObjectMapper();
    ConcurrentProcessing concurrent =
        new ConcurrentProcessing(
            configuration.executor(),
            configuration.clock(),
            ticker,
            configuration.sleeper(),
            DEADLINE_RESERVE);
    DatabaseBatch batch =
        new DatabaseBatch(
            configuration.environment(),
            configuration.clients(),
            configuration.clock(),
            ticker,
            new BatchWriter(
                configuration.executor(),
                DEADLINE_RESERVE,
                configuration.sleeper(),
                BatchWriter.Jitter.random()));
    StreamProcessing stream = new StreamProcessing(configuration.clock(), ticker);
    CpuIntensive cpu = new CpuIntensive(ticker);
    MemoryTest memory = new MemoryTest(ticker);
    ExternalCall external =
        new ExternalCall(configuration.environment(), configuration.clients(), mapper, ticker);
    OperationRouter router =
        OperationRouter.builder()
            .operation(
                Operation.of(
                        CONCURRENT_PROCESSING, ConcurrentProcessing.Params.class, concurrent::run)
                    .timedAs(LabMetrics.CONCURRENT_PROCESSING_TIME.name()))
            .operation(
                Operation.of(DATABASE_BATCH, DatabaseBatch.Params.class, batch::run)
                    .timedAs(LabMetrics.BATCH_PROCESSING_TIME.name()))
            .operation(
                Operation.of(STREAM_PROCESSING, StreamProcessing.Params.class, stream::run)
                    .timedAs(LabMetrics.STREAM_PROCESSING_TIME.name()))
            .operation(
                Operation.of(CPU_INTENSIVE, CpuIntensive.Params.class, cpu::run)
                    .timedAs(LabMetrics.CPU_INTENSIVE_TIME.name()))
            .operation(
                Operation.of(MEMORY_TEST, MemoryTest.Params.class, memory::run)
                    .timedAs(LabMetrics.MEMORY_TEST_TIME.name()))
            .operation(
                Operation.of(DEFAULT, ExternalCall.Params.class, external::run)
                    .timedAs(LabMetrics.DEFAULT_OPERATION_TIME.name()))
            .defaultOperation(DEFAULT)
            .build();
    this.pipeline =
        ApiGatewayPipeline.builder(router)
            .environment(configuration.environment())
            .metrics(LabMetrics.emitter(configuration.environment(), configuration.metricsSink()))
            .coldStarts(configuration.coldStarts())
            .ticker(ticker)
            .objectMapper(mapper)
            .build();
  }

  /**
   * Serves one API Gateway proxy request.
   *
   * @param event the request; its {@code body} is JSON text (or base64 of it)
   * @param context the Lambda context, or null outside Lambda
   */
  @Override
  public APIGatewayProxyResponseEvent handleRequest(
      APIGatewayProxyRequestEvent event, Context context) {
    return pipeline.handle(event, context);
  }

  /**
   * Serves one proxy request event read as JSON from {@code input}, writing the response event to
   * {@code output}; its {@code body} may be JSON text or a JSON object.
   *
   * @param input the event, as JSON
   * @param output where the response event is written, as JSON
   * @param context the Lambda context, or null outside Lambda
   * @throws IOException when {@code input} cannot be read or {@code output} written
   */
  public void handleStream(InputStream input, OutputStream output, Context context)
      throws IOException {
    pipeline.handle(input, output, context);
  }

  /**
   * What a {@link PerformanceFunction} runs with. Build it with {@link #builder}.
   *
   * @param environment where the variables are read
   * @param clients the DynamoDB and HTTP clients; the caller owns and closes them
   * @param coldStarts the execution environment's cold-start tracker
   * @param metricsSink where the EMF documents go
   * @param clock the wall clock of record timestamps and TTLs
   * @param ticker the time of durations and deadlines
   * @param sleeper waits out the simulated I/O of concurrent tasks and the backoffs of DynamoDB
   *     writes
   * @param executor where concurrent tasks and parallel DynamoDB writes run, at most 10 at once per
   *     invocation; the caller owns it
   */
  public record Configuration(
      Environment environment,
      ClientRegistry clients,
      ColdStartTracker coldStarts,
      MetricsSink metricsSink,
      Clock clock,
      Ticker ticker,
      Sleeper sleeper,
      Executor executor) {

    /**
     * Checks that no component is null.
     *
     * @param environment where the variables are read
     * @param clients the DynamoDB and HTTP clients
     * @param coldStarts the cold-start tracker
     * @param metricsSink where the EMF documents go
     * @param clock the wall clock
     * @param ticker the time of durations and deadlines
     * @param sleeper waits out simulated I/O and backoffs
     * @param executor where concurrent work runs
     */
    public Configuration {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(clients, "clients");
      Objects.requireNonNull(coldStarts, "coldStarts");
      Objects.requireNonNull(metricsSink, "metricsSink");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(ticker, "ticker");
      Objects.requireNonNull(sleeper, "sleeper");
      Objects.requireNonNull(executor, "executor");
    }

    /**
     * A builder around the two things every configuration needs.
     *
     * @param environment where the variables are read
     * @param clients the DynamoDB and HTTP clients; the caller owns and closes them
     * @return the builder
     */
    public static Builder builder(Environment environment, ClientRegistry clients) {
      return new Builder(
          Objects.requireNonNull(environment, "environment"),
          Objects.requireNonNull(clients, "clients"));
    }

    /** Configures a {@link Configuration}; each option may be set once. */
    public static final class Builder {
      private static final int WORKER_THREADS = ConcurrentProcessing.MAX_WORKERS;
      private static final Duration IDLE_THREAD_TIMEOUT = Duration.ofMinutes(1);

      private final Environment environment;
      private final ClientRegistry clients;
      private ColdStartTracker coldStarts;
      private MetricsSink metricsSink;
      private Clock clock;
      private Ticker ticker;
      private Sleeper sleeper;
      private Executor executor;

      private Builder(Environment environment, ClientRegistry clients) {
        this.environment = environment;
        this.clients = clients;
      }

      /**
       * The cold-start tracker; by default a new one, so that the function's first invocation is
       * its cold start.
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
       * Where the EMF documents go; standard output by default.
       *
       * @param metricsSink the sink
       * @return this builder
       * @throws IllegalStateException when it was already set
       */
      public Builder metricsSink(MetricsSink metricsSink) {
        this.metricsSink = Preconditions.setOnce("metricsSink", this.metricsSink, metricsSink);
        return this;
      }

      /**
       * The wall clock; the system UTC clock by default.
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
       * The time of durations and deadlines; {@link Ticker#system()} by default.
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
       * What waits out simulated I/O and write backoffs; {@link Sleeper#system()} by default.
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
       * The executor of concurrent work; by default a pool of 10 daemon threads named {@code
       * perfkit-performance-N} that end after a minute idle.
       *
       * @param executor the executor; its owner stops it
       * @return this builder
       * @throws IllegalStateException when it was already set
       */
      public Builder executor(Executor executor) {
        this.executor = Preconditions.setOnce("executor", this.executor, executor);
        return this;
      }

      /**
       * The configuration, defaults filled in.
       *
       * @return the configuration
       */
      public Configuration build() {
        Clock wallClock = clock == null ? Clock.systemUTC() : clock;
        return new Configuration(
            environment,
            clients,
            coldStarts == null ? ColdStartTracker.create(environment, wallClock) : coldStarts,
            metricsSink == null ? MetricsSink.stdout() : metricsSink,
            wallClock,
            ticker == null ? Ticker.system() : ticker,
            sleeper == null ? Sleeper.system() : sleeper,
            executor == null ? workerPool() : executor);
      }

      private static Executor workerPool() {
        ThreadPoolExecutor pool =
            new ThreadPoolExecutor(
                WORKER_THREADS,
                WORKER_THREADS,
                IDLE_THREAD_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                DaemonThreadFactory.named("perfkit-performance"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
      }
    }
  }
}
