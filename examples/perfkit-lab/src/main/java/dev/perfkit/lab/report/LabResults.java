package dev.perfkit.lab.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.lab.tune.TuningReport;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * What one run of the whole lab measured, task by task: the data of the HTML report and of its
 * {@code results.json} sidecar (snake_case). It reads as the report does: the run, then each task
 * of the lab. A step that failed leaves its figures {@code null} and is named in {@link
 * Run#failures()}; {@code results.json} lists each group's figures at its top level.
 *
 * @param run who ran it, when, on what, at which scale, and what differs or failed
 * @param operations Task 1 and 4.1: each operation once through the API stage
 * @param concurrency Task 2: cold starts, provisioned concurrency, reserved concurrency
 * @param api Task 3: the stage cache, the usage plan's throttle and quota
 * @param load Task 4.2: the load tester function, and the memory sizes compared
 * @param sqs Task 5: messages through the queue, the event source mapping and the DLQ
 * @param monitoring Task 6 and 7: the dashboard, and the analysis from the local CloudWatch
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LabResults(
    @JsonUnwrapped Run run,
    List<Operation> operations,
    @JsonUnwrapped Concurrency concurrency,
    @JsonUnwrapped Api api,
    @JsonUnwrapped Load load,
    Sqs sqs,
    @JsonUnwrapped Monitoring monitoring) {

  /**
   * Rejects a missing group (a failed task has a group with null figures), copies the list.
   *
   * @param run the run itself
   * @param operations Task 1 and 4.1's requests
   * @param concurrency Task 2's figures
   * @param api Task 3's figures
   * @param load Task 4.2's figures
   * @param sqs Task 5's figures, null when it failed
   * @param monitoring Task 6 and 7's results
   */
  public LabResults {
    Objects.requireNonNull(run, "run");
    operations = List.copyOf(Objects.requireNonNull(operations, "operations"));
    Objects.requireNonNull(concurrency, "concurrency");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(monitoring, "monitoring");
  }

  /**
   * The run itself: the report's heading, its caveats and what did not run.
   *
   * @param username the prefix of every resource name
   * @param startedAt when the run started
   * @param wallTimeSeconds how long the whole run took, the lab's start and stop included
   * @param processors the processors of the machine it ran on
   * @param scale the concurrency scale (1 = the lab's settings)
   * @param scaling each setting changed from the lab's, in words, e.g. {@code provisioned
   *     concurrency 10 -> 2 on this 2-core machine}
   * @param notes where this run differs from the lab on AWS for other reasons (a missing DynamoDB)
   * @param failures steps that failed, with why; empty when every step ran
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Run(
      String username,
      @JsonSerialize(using = ToStringSerializer.class) Instant startedAt,
      double wallTimeSeconds,
      int processors,
      double scale,
      List<String> scaling,
      List<String> notes,
      List<String> failures) {

    /**
     * Rejects a null name, time or list, and copies the lists.
     *
     * @param username the resources' prefix
     * @param startedAt the start
     * @param wallTimeSeconds the duration
     * @param processors the machine's processors
     * @param scale the concurrency scale
     * @param scaling the settings changed from the lab's
     * @param notes other differences from the lab on AWS
     * @param failures the steps that failed
     */
    public Run {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(startedAt, "startedAt");
      scaling = List.copyOf(Objects.requireNonNull(scaling, "scaling"));
      notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
      failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    }
  }

  /**
   * Task 2: first invocations and throttling at the reserved concurrency.
   *
   * @param coldStarts cold against warm, provisioned against on-demand first invocations
   * @param throttling invocations beyond the reserved concurrency, per second ({@code
   *     lambda_throttling})
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Concurrency(
      ColdStarts coldStarts, @JsonProperty("lambda_throttling") Throttling throttling) {}

  /**
   * Task 3: the API stage.
   *
   * @param cache the stage cache, hits against misses ({@code api_cache})
   * @param throttling the usage plan's throttle and quota, per second ({@code api_throttling})
   */
  public record Api(
      @JsonProperty("api_cache") ApiCache cache,
      @JsonProperty("api_throttling") Throttling throttling) {}

  /**
   * Task 4.2: load through the load tester, and memory sizes.
   *
   * @param test the load tester function against the alias ({@code load_test})
   * @param memory 512 MB against 2048 MB with cpu_intensive, by perfkit-lab tune's engine
   */
  public record Load(@JsonProperty("load_test") LoadTest test, TuningReport memory) {}

  /**
   * Task 6 and 7: watching the stack through the local CloudWatch the lab fed.
   *
   * @param dashboardFile Task 6: the dashboard body's file name in the report directory
   * @param dashboardPage Task 6: the file of the dashboard's page as the local CloudWatch drew it,
   *     with the run's data
   * @param metricsFile the local CloudWatch's metrics exported as JSON, its file name
   * @param analysis Task 7: the performance analysis through GetMetricData, as {@code analyze
   *     --endpoint-url URL --output json} prints it
   * @param analysisTable the same analysis as {@code analyze} prints it
   * @param logDifferences the figures the analysis of the functions' logs ({@code analyze --logs})
   *     tells otherwise, one line each; null when it could not be compared
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Monitoring(
      String dashboardFile,
      String dashboardPage,
      String metricsFile,
      JsonNode analysis,
      String analysisTable,
      List<String> logDifferences) {}

  /**
   * Latency figures in milliseconds.
   *
   * @param count samples
   * @param meanMs mean
   * @param minMs minimum
   * @param p50Ms median
   * @param p90Ms 90th percentile
   * @param p95Ms 95th percentile
   * @param p99Ms 99th percentile
   * @param maxMs maximum
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Latency(
      long count,
      double meanMs,
      double minMs,
      double p50Ms,
      double p90Ms,
      double p95Ms,
      double p99Ms,
      double maxMs) {

    /**
     * The figures of a histogram of microseconds; all 0 when it is empty.
     *
     * @param micros the samples, in microseconds
     * @return the figures
     */
    public static Latency ofMicros(Histogram micros) {
      Objects.requireNonNull(micros, "micros");
      if (micros.getTotalCount() == 0) {
        return new Latency(0, 0, 0, 0, 0, 0, 0, 0);
      }
      return new Latency(
          micros.getTotalCount(),
          micros.getMean() / 1000,
          micros.getMinValue() / 1000.0,
          micros.getValueAtPercentile(50) / 1000.0,
          micros.getValueAtPercentile(90) / 1000.0,
          micros.getValueAtPercentile(95) / 1000.0,
          micros.getValueAtPercentile(99) / 1000.0,
          micros.getMaxValue() / 1000.0);
    }

    /**
     * The figures of samples in milliseconds (3 significant digits).
     *
     * @param millis the samples, in milliseconds
     * @return the figures
     */
    public static Latency ofMillis(List<Double> millis) {
      Objects.requireNonNull(millis, "millis");
      Histogram micros = new Histogram(3);
      millis.forEach(ms -> micros.recordValue(Math.max(0, Math.round(ms * 1000))));
      return ofMicros(micros);
    }
  }

  /**
   * One request through the API stage.
   *
   * @param operation the operation asked for
   * @param request the request body sent
   * @param status the HTTP status
   * @param latencyMs the round trip the client saw
   * @param executionTimeMs the function's {@code performance.execution_time_ms}, if it answered
   * @param coldStart the function's {@code performance.cold_start}, if it answered
   * @param result the answer's {@code result} (or {@code error}), shortened
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Operation(
      String operation,
      String request,
      int status,
      double latencyMs,
      Double executionTimeMs,
      Boolean coldStart,
      String result) {}

  /**
   * First invocations of new environments against the invocations after them.
   *
   * @param rounds how many times each kind of first invocation was measured
   * @param onDemandFirstMs first invocation of a new {@code $LATEST} environment (a cold start),
   *     one per round
   * @param warmMs later invocations of that environment
   * @param provisionedFirstMs first invocation of a freshly provisioned environment of the alias,
   *     one per round
   * @param onDemandReportedCold how many on-demand first invocations the function reported as
   *     {@code cold_start}
   * @param provisionedReportedCold how many provisioned first invocations it reported as {@code
   *     cold_start} (0: their initialisation ran before the call)
   * @param onDemandFirst figures of {@code onDemandFirstMs}
   * @param warm figures of {@code warmMs}
   * @param provisionedFirst figures of {@code provisionedFirstMs}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ColdStarts(
      int rounds,
      List<Double> onDemandFirstMs,
      List<Double> warmMs,
      List<Double> provisionedFirstMs,
      long onDemandReportedCold,
      long provisionedReportedCold,
      Latency onDemandFirst,
      Latency warm,
      Latency provisionedFirst) {

    /** Copies the lists. */
    public ColdStarts {
      onDemandFirstMs = List.copyOf(onDemandFirstMs);
      warmMs = List.copyOf(warmMs);
      provisionedFirstMs = List.copyOf(provisionedFirstMs);
    }
  }

  /**
   * Requests driven beyond a limit, and how they were answered, per second.
   *
   * @param limit the limit in words, e.g. {@code reserved concurrency 3}
   * @param offered what was driven at it, in words, e.g. {@code 60 invocations/s, at most 8 at
   *     once}
   * @param succeeded requests answered
   * @param throttled requests refused with 429 for the rate or the concurrency
   * @param limitExceeded requests refused with 429 for the quota
   * @param failed requests that failed otherwise
   * @param perSecond the same counts per second since the step started
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Throttling(
      String limit,
      String offered,
      long succeeded,
      long throttled,
      long limitExceeded,
      long failed,
      List<Second> perSecond) {

    /** Copies the list. */
    public Throttling {
      perSecond = List.copyOf(perSecond);
    }
  }

  /**
   * Answers in one second of a step.
   *
   * @param second seconds since the step started
   * @param succeeded answered
   * @param throttled 429 for rate or concurrency
   * @param limitExceeded 429 for a quota
   * @param failed anything else
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Second(
      int second, long succeeded, long throttled, long limitExceeded, long failed) {}

  /**
   * The stage cache: requests it answered against requests it passed to the function.
   *
   * @param misses requests answered {@code X-Cache: Miss}
   * @param hits requests answered {@code X-Cache: Hit}
   * @param miss latency of the misses
   * @param hit latency of the hits
   * @param invalidatedMiss whether a request with {@code Cache-Control: max-age=0} for a cached key
   *     was answered by the function (a miss), as the invalidation asks
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ApiCache(
      long misses, long hits, Latency miss, Latency hit, boolean invalidatedMiss) {}

  /**
   * One load test by the load tester function.
   *
   * @param loadTester the load tester function invoked
   * @param targetFunction the function it drove
   * @param concurrentRequests requests in flight at once
   * @param totalRequests requests asked for
   * @param testPayload the payload each request carried
   * @param results its {@code load_test_results}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record LoadTest(
      String loadTester,
      String targetFunction,
      int concurrentRequests,
      long totalRequests,
      String testPayload,
      LoadReport results) {}

  /**
   * Messages sent to the queue and what became of them.
   *
   * @param sent messages the queue accepted
   * @param poison of which were poison (not JSON)
   * @param processed messages the function processed and the mapping deleted
   * @param deadLettered messages in the dead-letter queue at the end
   * @param redeliveries receives that ended with the message left in the queue (failed items,
   *     failed batches)
   * @param sendSeconds how long sending took
   * @param processingSeconds from the first message sent until the last one was processed
   * @param drainSeconds from the first message sent until every message was processed or
   *     dead-lettered (poison messages wait three visibility timeouts)
   * @param messagesPerSecond processed messages per second of {@code processingSeconds}
   * @param maxPollers the most pollers the mapping ran at once
   * @param endToEnd from each processed message's {@code SentTimestamp} to its deletion
   * @param endToEndHistogram the same, as counts in equal buckets
   * @param backlog the queue as the mapping sampled it, about once a second
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Sqs(
      long sent,
      int poison,
      long processed,
      long deadLettered,
      long redeliveries,
      double sendSeconds,
      double processingSeconds,
      double drainSeconds,
      double messagesPerSecond,
      int maxPollers,
      Latency endToEnd,
      List<Bucket> endToEndHistogram,
      List<Backlog> backlog) {

    /** Copies the lists. */
    public Sqs {
      endToEndHistogram = List.copyOf(endToEndHistogram);
      backlog = List.copyOf(backlog);
    }
  }

  /**
   * One bucket of a histogram.
   *
   * @param fromMs lower bound, inclusive
   * @param toMs upper bound, exclusive
   * @param count samples in it
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Bucket(double fromMs, double toMs, long count) {}

  /**
   * One sample of the queue.
   *
   * @param second seconds since the step started
   * @param visible messages waiting
   * @param inFlight messages received and not yet deleted or back
   * @param pollers pollers running: the mapping's concurrent batches
   * @param allowedConcurrency the concurrent batches the mapping's scaling ramp allowed (Lambda's
   *     five to start, then up to 300 more a minute, scaled as the run's settings say)
   * @param processed messages processed since the step started
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Backlog(
      double second,
      long visible,
      long inFlight,
      int pollers,
      int allowedConcurrency,
      long processed) {}
}
