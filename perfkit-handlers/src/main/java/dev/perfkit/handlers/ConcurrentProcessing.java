package dev.perfkit.handlers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.perfkit.core.routing.Deadline;
import dev.perfkit.core.routing.IntRange;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.routing.ServerErrorException;
import dev.perfkit.core.time.Sleeper;
import dev.perfkit.core.time.Ticker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * {@code concurrent_processing}: {@code concurrency} tasks of simulated 100 ms I/O on at most 10
 * workers, as the lab's thread pool of {@code min(concurrency, 10)}.
 */
final class ConcurrentProcessing {

  static final int MAX_WORKERS = 10;
  static final Duration SIMULATED_IO = Duration.ofMillis(100);
  private static final int RESULTS_SHOWN = 3;

  /** The parameters: {@code concurrency}, 1 to 1000, default 1. */
  record Params(Integer concurrency) {
    static final IntRange CONCURRENCY = IntRange.of("concurrency", 1, 1000).withDefault(1);

    Params {
      concurrency = CONCURRENCY.validate(concurrency);
    }
  }

  /** One task's outcome; {@code worker_time} is when it finished, in epoch seconds. */
  record TaskResult(
      @JsonProperty("task_id") int taskId,
      @JsonProperty("result") String result,
      @JsonProperty("worker_time") BigDecimal workerTime) {}

  /** The lab's result, with the first three tasks by id. */
  record Result(
      @JsonProperty("operation") String operation,
      @JsonProperty("concurrency_level") int concurrencyLevel,
      @JsonProperty("tasks_completed") int tasksCompleted,
      @JsonProperty("processing_time_ms") double processingTimeMs,
      @JsonProperty("results") List<TaskResult> results) {}

  private final Executor executor;
  private final Clock clock;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private final Duration reserve;

  ConcurrentProcessing(
      Executor executor, Clock clock, Ticker ticker, Sleeper sleeper, Duration reserve) {
    this.executor = executor;
    this.clock = clock;
    this.ticker = ticker;
    this.sleeper = sleeper;
    this.reserve = reserve;
  }

  Result run(Params params, OperationContext context) throws Exception {
    long start = ticker.read();
    int concurrency = params.concurrency();
    Deadline deadline = context.deadline();
    Duration neededPerTask = SIMULATED_IO.plus(reserve);
    List<TaskResult> results =
        BoundedWorkers.run(
            executor,
            concurrency,
            MAX_WORKERS,
            () -> deadline.remaining().compareTo(neededPerTask) > 0,
            this::task);
    List<TaskResult> completed = results.stream().filter(Objects::nonNull).toList();
    if (completed.size() < concurrency) {
      throw new ServerErrorException(
          500,
          "DeadlineExceededException",
          "concurrent_processing stopped before the invocation deadline with "
              + completed.size()
              + " of "
              + concurrency
              + " tasks completed ("
              + MAX_WORKERS
              + " workers, "
              + SIMULATED_IO.toMillis()
              + " ms each); lower 'concurrency' or raise the function timeout");
    }
    return new Result(
        PerformanceFunction.CONCURRENT_PROCESSING,
        concurrency,
        completed.size(),
        Millis.since(start, ticker),
        completed.subList(0, Math.min(RESULTS_SHOWN, completed.size())));
  }

  private TaskResult task(int taskId) throws InterruptedException {
    // The lab's simulated I/O: a blocking wait that holds the worker as a remote call would.
    sleeper.sleep(SIMULATED_IO);
    return new TaskResult(taskId, "Task " + taskId + " completed", Millis.epochSeconds(clock));
  }
}
