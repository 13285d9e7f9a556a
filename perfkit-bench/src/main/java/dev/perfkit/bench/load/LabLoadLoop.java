package dev.perfkit.bench.load;

import dev.perfkit.core.time.Sleeper;
import dev.perfkit.core.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A Java port of the lab's {@code load_tester.py} loop: requests go in batches of {@code
 * concurrentRequests}, each batch on a new thread pool; the loop waits for the whole batch, then
 * sleeps 100 ms, and computes the lab's statistics at the end (p95 by sorting the times).
 */
final class LabLoadLoop {

  /** The lab's "small delay between batches to avoid overwhelming". */
  static final Duration PAUSE = Duration.ofMillis(100);

  /** What the lab's {@code invoke_function} calls: one request, its status code. */
  @FunctionalInterface
  interface Invoke {
    int invoke(long requestId) throws Exception;
  }

  /** One {@code invoke_function} result. */
  record Result(
      long requestId, int statusCode, double executionTimeMs, boolean success, String error) {}

  /** The lab's {@code load_test_results}. */
  record Report(
      int totalRequests,
      int successfulRequests,
      int failedRequests,
      double successRate,
      double totalTestTimeMs,
      double requestsPerSecond,
      double avgExecutionTimeMs,
      double minExecutionTimeMs,
      double maxExecutionTimeMs,
      double p95ExecutionTimeMs) {}

  private final int concurrentRequests;
  private final int totalRequests;
  private final Sleeper pause;
  private final Ticker ticker;

  /**
   * @param pause the lab's {@code time.sleep} between batches
   * @param ticker the lab's {@code time.time()} around the run and each request
   */
  LabLoadLoop(int concurrentRequests, int totalRequests, Sleeper pause, Ticker ticker) {
    this.concurrentRequests = concurrentRequests;
    this.totalRequests = totalRequests;
    this.pause = pause;
    this.ticker = ticker;
  }

  /** As the lab: real pauses between batches, real time. */
  LabLoadLoop(int concurrentRequests, int totalRequests) {
    this(concurrentRequests, totalRequests, Sleeper.system(), Ticker.system());
  }

  Report run(Invoke target) throws InterruptedException {
    long start = ticker.read();
    List<Result> results = new ArrayList<>();
    List<Result> errors = new ArrayList<>();
    int completed = 0;
    while (completed < totalRequests) {
      int batchSize = Math.min(concurrentRequests, totalRequests - completed);
      ExecutorService executor = Executors.newFixedThreadPool(batchSize);
      try {
        List<Future<Result>> futures = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
          long requestId = (long) completed + i;
          futures.add(executor.submit(() -> invoke(target, requestId, ticker)));
        }
        // as_completed yields in completion order; either way the loop waits for all of them.
        for (Future<Result> future : futures) {
          Result result = result(future);
          (result.success() ? results : errors).add(result);
        }
      } finally {
        executor.shutdown();
      }
      // Leaving the lab's `with` block joins the pool's threads.
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("a batch's threads did not end within a minute");
      }
      completed += batchSize;
      pause.sleep(PAUSE);
    }
    double totalTestTimeMs = (ticker.read() - start) / 1e6;
    return report(results, errors, totalTestTimeMs);
  }

  private static Result invoke(Invoke target, long requestId, Ticker ticker) {
    try {
      long invokeStart = ticker.read();
      int status = target.invoke(requestId);
      double invokeTime = (ticker.read() - invokeStart) / 1e6;
      return new Result(requestId, status, invokeTime, true, null);
    } catch (Exception e) {
      return new Result(requestId, 0, 0, false, e.toString());
    }
  }

  private static Result result(Future<Result> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a request threw " + e.getCause(), e.getCause());
    }
  }

  private Report report(List<Result> results, List<Result> errors, double totalTestTimeMs) {
    int successful = results.size();
    double avg = 0;
    double min = 0;
    double max = 0;
    double p95 = 0;
    if (successful > 0) {
      double[] times = results.stream().mapToDouble(Result::executionTimeMs).sorted().toArray();
      double sum = 0;
      for (double time : times) {
        sum += time;
      }
      avg = sum / times.length;
      min = times[0];
      max = times[times.length - 1];
      p95 = times[(int) (times.length * 0.95)];
    }
    return new Report(
        totalRequests,
        successful,
        errors.size(),
        successful * 100.0 / totalRequests,
        totalTestTimeMs,
        totalRequests / (totalTestTimeMs / 1000),
        avg,
        min,
        max,
        p95);
  }
}
