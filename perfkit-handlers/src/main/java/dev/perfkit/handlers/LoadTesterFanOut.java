package dev.perfkit.handlers;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.core.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Splits a load test over N invocations of the load tester itself and merges their reports exactly
 * (histograms added, not averages of percentiles).
 *
 * <p>Worker {@code i} gets {@code total / N} requests and {@code concurrency / N} of the
 * concurrency, the first {@code total % N} (and {@code concurrency % N}) workers one more, and the
 * same share of an open-loop rate. Its requests are numbered after the earlier workers' in the
 * merged {@code errors}. A worker that fails (invoke error, throttle, function error, an answer
 * other than 200 with a report) sent an unknown part of its share and measured none of it: its
 * whole share counts as failed, with one error naming the worker and why.
 */
final class LoadTesterFanOut {

  private final LambdaClient client;
  private final ObjectMapper mapper;
  private final ThreadFactory threadFactory;
  private final Ticker ticker;

  LoadTesterFanOut(
      LambdaClient client, ObjectMapper mapper, ThreadFactory threadFactory, Ticker ticker) {
    this.client = client;
    this.mapper = mapper;
    this.threadFactory = threadFactory;
    this.ticker = ticker;
  }

  /** Runs {@code request.workers()} invocations of {@code self} and merges what they measured. */
  LoadReport run(String self, LoadTesterRequest request, LoadTesterDeadline deadline) {
    int workers = request.workers();
    List<Callable<LoadReport>> shares = new ArrayList<>(workers);
    long offset = 0;
    for (int i = 0; i < workers; i++) {
      long total =
          request.totalRequests() / workers + (i < request.totalRequests() % workers ? 1 : 0);
      int concurrency =
          request.concurrentRequests() / workers
              + (i < request.concurrentRequests() % workers ? 1 : 0);
      double rps = request.targetRps() * total / request.totalRequests();
      int index = i + 1;
      long first = offset;
      shares.add(() -> invoke(self, request, deadline, index, first, total, concurrency, rps));
      offset += total;
    }
    ExecutorService pool = Executors.newFixedThreadPool(workers, threadFactory);
    try {
      List<LoadReport> reports = new ArrayList<>(workers);
      for (Future<LoadReport> future : pool.invokeAll(shares)) {
        reports.add(future.get());
      }
      return LoadReport.merge(reports);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for fan-out workers", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a fan-out worker task failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private LoadReport invoke(
      String self,
      LoadTesterRequest request,
      LoadTesterDeadline deadline,
      int index,
      long first,
      long total,
      int concurrency,
      double rps) {
    long startNanos = ticker.read();
    String name =
        "worker "
            + index
            + " of "
            + request.workers()
            + " (requests "
            + first
            + " to "
            + (first + total - 1)
            + ")";
    try {
      long budgetMs = deadline.timeLeft(startNanos).map(Duration::toMillis).orElse(0L);
      String body =
          mapper.writeValueAsString(
              request.workerBody(mapper, index, total, concurrency, rps, budgetMs));
      SdkBytes payload =
          SdkBytes.fromUtf8String(
              mapper.writeValueAsString(mapper.createObjectNode().put("body", body)));
      InvokeResponse response =
          client.invoke(LoadTesterLambdaTarget.request(self, payload, deadline, startNanos));
      return LoadTesterReports.renumbered(answer(response), first);
    } catch (SdkException e) {
      return LoadTesterReports.failed(
          total,
          first,
          name + " failed: " + LoadTesterLambdaTarget.describe(e),
          elapsedMs(startNanos));
    } catch (WorkerFailure | JacksonException e) {
      return LoadTesterReports.failed(
          total, first, name + " failed: " + e.getMessage(), elapsedMs(startNanos));
    }
  }

  private double elapsedMs(long startNanos) {
    return (ticker.read() - startNanos) / 1e6;
  }

  private LoadReport answer(InvokeResponse response) {
    JsonNode envelope = LoadTesterLambdaTarget.readJson(response.payload(), mapper);
    if (response.functionError() != null) {
      throw new WorkerFailure(
          "function error ("
              + response.functionError()
              + "): "
              + LoadTesterLambdaTarget.detail(envelope, "errorType", "errorMessage"));
    }
    if (envelope == null || !envelope.path("statusCode").canConvertToInt()) {
      throw new WorkerFailure("it answered no API Gateway response");
    }
    JsonNode body;
    try {
      body = mapper.readTree(envelope.path("body").asText());
    } catch (JacksonException e) {
      throw new WorkerFailure("its body is not JSON");
    }
    int status = envelope.get("statusCode").asInt();
    if (status != 200) {
      throw new WorkerFailure(
          "it answered statusCode "
              + status
              + ": "
              + LoadTesterLambdaTarget.detail(body, "error_type", "error"));
    }
    JsonNode results = body.path("load_test_results");
    if (!results.isObject()) {
      throw new WorkerFailure("it answered no load_test_results");
    }
    try {
      return mapper.treeToValue(results, LoadReport.class);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new WorkerFailure("its load_test_results are unreadable: " + e.getMessage());
    }
  }

  /** Why a worker's answer holds no report. */
  private static final class WorkerFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WorkerFailure(String message) {
      super(message, null, false, false);
    }
  }
}
