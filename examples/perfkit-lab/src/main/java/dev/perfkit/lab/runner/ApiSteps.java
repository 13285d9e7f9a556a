package dev.perfkit.lab.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.core.load.LoadGenerator;
import dev.perfkit.core.load.Outcome;
import dev.perfkit.lab.report.LabResults;
import dev.perfkit.lab.report.LabResults.Latency;
import dev.perfkit.lab.report.LabResults.Operation;
import dev.perfkit.lab.runner.PerSecond.Answer;
import dev.perfkit.local.apigateway.StageMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Tasks 1, 3 and 4.1: the API stage, its cache, its usage plan's throttle and quota. */
final class ApiSteps {

  /** The lab's Task 4.1 curl bodies, and the two operations it does not call. */
  static final List<String> OPERATIONS =
      List.of(
          "{\"operation\": \"default\"}",
          "{\"operation\": \"concurrent_processing\", \"concurrency\": 10}",
          "{\"operation\": \"database_batch\", \"dataSize\": \"large\"}",
          "{\"operation\": \"cpu_intensive\", \"iterations\": 10000}",
          "{\"operation\": \"memory_test\", \"dataSize\": \"medium\"}",
          "{\"operation\": \"stream_processing\", \"records\": [{\"id\": \"r-1\"}, {\"id\": \"r-2\"},"
              + " {\"id\": \"r-3\"}]}");

  private static final int RESULT_CHARS = 160;
  private static final Duration THROTTLE_PHASE = Duration.ofSeconds(4);
  private static final Duration QUOTA_BOUND = Duration.ofSeconds(20);
  private static final int THROTTLE_CALLERS = 16;

  /** How many 429 Limit Exceeded answers show that the quota ran out. */
  private static final int QUOTA_REFUSALS = 5;

  private final RunContext run;

  ApiSteps(RunContext run) {
    this.run = run;
  }

  /** Task 1 and 4.1: each operation once, POSTed with the API key. */
  List<Operation> operations() throws IOException, InterruptedException {
    List<Operation> results = new ArrayList<>();
    for (String request : OPERATIONS) {
      Calls.Answer answer = run.calls().post(request);
      JsonNode body = Calls.parse(answer.body());
      String operation = Calls.parse(request).path("operation").asText();
      JsonNode execution = body.at("/performance/execution_time_ms");
      JsonNode cold = body.at("/performance/cold_start");
      JsonNode result = body.has("result") ? body.get("result") : body;
      Operation row =
          new Operation(
              operation,
              request,
              answer.status(),
              answer.millis(),
              execution.isNumber() ? execution.asDouble() : null,
              cold.isBoolean() ? cold.asBoolean() : null,
              shorten(result.toString()));
      results.add(row);
      run.console()
          .line(
              String.format(
                  Locale.ROOT,
                  "%-22s %d %8.1f ms  %s",
                  operation,
                  row.status(),
                  row.latencyMs(),
                  row.status() == 200 ? "" : row.result()));
    }
    return results;
  }

  /**
   * Task 3, the cache: a GET per cache key (a miss), repeated (hits), then a refetch with {@code
   * Cache-Control: max-age=0}.
   */
  LabResults.ApiCache cache() throws IOException, InterruptedException {
    List<Double> misses = new ArrayList<>();
    List<Double> hits = new ArrayList<>();
    int total = RunPlan.CACHE_KEYS * (1 + RunPlan.CACHE_REPEATS) + 1;
    try (ProgressBar bar = run.console().bar("cached GETs", total)) {
      int done = 0;
      for (int key = 0; key < RunPlan.CACHE_KEYS; key++) {
        for (int call = 0; call <= RunPlan.CACHE_REPEATS; call++) {
          Calls.Answer answer = run.calls().get(query(key), Map.of());
          classify(answer, misses, hits);
          bar.update(++done);
        }
      }
      Calls.Answer refetch = run.calls().get(query(0), Map.of("Cache-Control", "max-age=0"));
      bar.update(++done);
      boolean invalidated = refetch.status() == 200 && refetch.cache().orElse("").equals("Miss");
      LabResults.ApiCache cache =
          new LabResults.ApiCache(
              misses.size(),
              hits.size(),
              Latency.ofMillis(misses),
              Latency.ofMillis(hits),
              invalidated);
      run.console()
          .line(
              String.format(
                  Locale.ROOT,
                  "%d misses (median %.1f ms), %d hits (median %.2f ms); Cache-Control: max-age=0 -> %s",
                  cache.misses(),
                  cache.miss().p50Ms(),
                  cache.hits(),
                  cache.hit().p50Ms(),
                  refetch.cache().orElse("status " + refetch.status())));
      return cache;
    }
  }

  private static void classify(Calls.Answer answer, List<Double> misses, List<Double> hits) {
    if (answer.status() != 200) {
      throw new IllegalStateException(
          "a cached GET answered " + answer.status() + ": " + answer.body());
    }
    String cache =
        answer
            .cache()
            .orElseThrow(() -> new IllegalStateException("a cached GET answered without X-Cache"));
    (cache.equals("Hit") ? hits : misses).add(answer.millis());
  }

  private static String query(int key) {
    return "operation=cpu_intensive&iterations=" + (1000 + key);
  }

  /**
   * Task 3, the usage plan: cached GETs at three times the plan's rate (429 Too Many Requests once
   * the burst is spent), then just below the rate until the quota is used up (429 Limit Exceeded).
   */
  LabResults.Throttling throttling(int rate, int burst, int quota, String period)
      throws InterruptedException {
    PerSecond seconds = new PerSecond(run.ticker());
    double offered = 3.0 * rate;
    long planned = (long) (offered * THROTTLE_PHASE.toSeconds());
    try (ProgressBar bar = run.console().bar("throttle: " + (int) offered + " GETs/s", planned)) {
      LoadGenerator.builder()
          .totalRequests(planned)
          .concurrency(THROTTLE_CALLERS)
          .targetRps(offered)
          .progress(1, progress -> bar.update(progress.completed()))
          .build()
          .run(id -> count(seconds, id));
    }
    double paced = 0.8 * rate;
    long interval = (long) (TimeUnit.SECONDS.toNanos(1) / paced);
    long deadline = run.ticker().read() + QUOTA_BOUND.toNanos();
    try (ProgressBar bar =
        run.console().bar("quota: " + (int) paced + " GETs/s until Limit Exceeded", quota)) {
      long next = run.ticker().read();
      while (seconds.total(Answer.LIMIT_EXCEEDED) < QUOTA_REFUSALS
          && run.ticker().read() < deadline) {
        run.sleeper().sleep(Duration.ofNanos(next - run.ticker().read()));
        next += interval;
        count(seconds, 0);
        bar.update(quotaUsed());
      }
    }
    LabResults.Throttling result =
        new LabResults.Throttling(
            "rate " + rate + "/s, burst " + burst + ", quota " + quota + " per " + period,
            String.format(
                Locale.ROOT,
                "%.0f GETs/s for %d s (at most %d at once), then %.0f/s until"
                    + " the quota ran out",
                offered,
                THROTTLE_PHASE.toSeconds(),
                THROTTLE_CALLERS,
                paced),
            seconds.total(Answer.SUCCEEDED),
            seconds.total(Answer.THROTTLED),
            seconds.total(Answer.LIMIT_EXCEEDED),
            seconds.total(Answer.FAILED),
            seconds.seconds());
    run.console()
        .line(
            result.succeeded()
                + " answered, "
                + result.throttled()
                + " x 429 Too Many Requests, "
                + result.limitExceeded()
                + " x 429 Limit Exceeded");
    return result;
  }

  /** Requests the key's quota counted: every answered request passed the buckets with the key. */
  private long quotaUsed() {
    StageMetrics metrics = run.lab().api().metrics();
    return metrics.count() - metrics.throttledCount() - metrics.quotaExceededCount();
  }

  private Outcome count(PerSecond seconds, long id) {
    try {
      Calls.Answer answer = run.calls().get(query((int) (id % RunPlan.CACHE_KEYS)), Map.of());
      if (answer.status() == 200) {
        seconds.count(Answer.SUCCEEDED);
        return Outcome.success();
      }
      if (answer.limitExceeded()) {
        seconds.count(Answer.LIMIT_EXCEEDED);
        return Outcome.throttled();
      }
      if (answer.status() == 429) {
        seconds.count(Answer.THROTTLED);
        return Outcome.throttled();
      }
      seconds.count(Answer.FAILED);
      return Outcome.failure("HTTP " + answer.status() + ": " + shorten(answer.body()));
    } catch (IOException e) {
      seconds.count(Answer.FAILED);
      return Outcome.failure(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      seconds.count(Answer.FAILED);
      return Outcome.failure("interrupted");
    }
  }

  static String shorten(String text) {
    return text.length() <= RESULT_CHARS ? text : text.substring(0, RESULT_CHARS - 3) + "...";
  }
}
