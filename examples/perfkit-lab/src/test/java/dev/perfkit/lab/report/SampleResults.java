package dev.perfkit.lab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.load.LoadGenerator;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.core.load.Outcome;
import dev.perfkit.lab.report.LabResults.Latency;
import dev.perfkit.lab.tune.SizeResult;
import dev.perfkit.lab.tune.TuningReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A whole run's results with figures like a 2-core machine's, for the report's tests. */
final class SampleResults {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleResults() {}

  static LabResults complete() {
    return withSqs(true, List.of());
  }

  /** The results with or without the SQS step's, and these failures. */
  static LabResults withSqs(boolean sqs, List<String> failures) {
    List<Double> cold = List.of(743.0, 781.0, 712.0);
    List<Double> warm = List.of(8.7, 6.1, 5.9, 13.0, 7.2, 6.6, 6.0, 5.8, 9.1, 6.3);
    List<Double> provisioned = List.of(89.0, 99.0, 81.0);
    List<LabResults.Second> lambdaSeconds =
        List.of(
            new LabResults.Second(0, 11, 46, 0, 0), new LabResults.Second(1, 23, 37, 0, 0),
            new LabResults.Second(2, 25, 35, 0, 0), new LabResults.Second(3, 26, 33, 0, 0));
    List<LabResults.Second> apiSeconds =
        List.of(
            new LabResults.Second(0, 53, 22, 0, 0), new LabResults.Second(1, 25, 50, 0, 0),
            new LabResults.Second(2, 20, 0, 0, 0), new LabResults.Second(3, 10, 0, 5, 0));
    List<LabResults.Backlog> backlog = new ArrayList<>();
    long processed = 0;
    for (int second = 0; second <= 12; second++) {
      long visible = Math.max(0, 400 - 80L * second);
      processed = Math.min(495, processed + (second < 2 ? 0 : 99));
      // The scaled ramp: one concurrent batch to start, then more each second, up to 20; back
      // to one once the queue is idle.
      int allowed = second < 8 ? Math.min(20, 1 + 3 * second) : 1;
      backlog.add(
          new LabResults.Backlog(
              second, visible, second < 8 ? 100 : 5, allowed, allowed, processed));
    }
    List<LabResults.Bucket> buckets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      buckets.add(new LabResults.Bucket(4800 + i * 90, 4890 + i * 90, i == 5 ? 330 : 8));
    }
    SizeResult small =
        new SizeResult(512, 50, 50, 0, 0, 3.02, 16.0, 57.0, 2L, 6.52, 0.25, 0.24, null);
    SizeResult large =
        new SizeResult(2048, 50, 50, 0, 0, 3.4, 13.0, 87.0, 2L, 6.86, 0.43, 0.38, null);
    TuningReport memory =
        new TuningReport(
            "local-performance-function",
            "x86_64",
            "http://127.0.0.1:40000",
            true,
            "REPORT lines (Duration; cost from Billed Duration)",
            50,
            2,
            List.of(small, large),
            512,
            2048,
            512,
            List.of(TuningReport.LOCAL_NOTE));
    return new LabResults(
        new LabResults.Run(
            "local",
            Instant.parse("2025-01-01T10:00:00Z"),
            97,
            2,
            0.2,
            List.of("provisioned concurrency on alias prod 10 -> 2 on this 2-core machine"),
            List.of(
                "DynamoDB not started (Node.js (node) is not on the PATH): database_batch"
                    + " answers 500, the function has no table"),
            failures),
        List.of(
            new LabResults.Operation(
                "default",
                "{\"operation\": \"default\"}",
                200,
                314,
                53.0,
                false,
                "{\"operation\":\"default\",\"external_data\":{\"uuid\":\"d7130000\"}}"),
            new LabResults.Operation(
                "database_batch",
                "{\"operation\": \"database_batch\", \"dataSize\": \"large\"}",
                500,
                21,
                null,
                null,
                "{\"error\":\"no table <configured>\"}")),
        new LabResults.Concurrency(
            new LabResults.ColdStarts(
                3,
                cold,
                warm,
                provisioned,
                3,
                0,
                Latency.ofMillis(cold),
                Latency.ofMillis(warm),
                Latency.ofMillis(provisioned)),
            new LabResults.Throttling(
                "reserved concurrency 3",
                "60 invocations/s of alias prod for 4 s, at most 8 at once",
                85,
                151,
                0,
                0,
                lambdaSeconds)),
        new LabResults.Api(
            new LabResults.ApiCache(
                5,
                20,
                Latency.ofMillis(List.of(11.0, 12.0, 29.0, 10.0, 11.5)),
                Latency.ofMillis(List.of(2.9, 3.1, 2.5, 13.0, 2.8)),
                true),
            new LabResults.Throttling(
                "rate 25/s, burst 50, quota 250 per DAY",
                "75 GETs/s for 4 s (at most 16 at once), then 20/s until the quota ran out",
                108,
                107,
                5,
                0,
                apiSeconds)),
        new LabResults.Load(
            new LabResults.LoadTest(
                "local-load-tester",
                "local-performance-function:prod",
                4,
                100,
                "{\"operation\": \"default\"}",
                loadReport(100, 20_000_000L)),
            memory),
        sqs
            ? new LabResults.Sqs(
                500,
                5,
                495,
                5,
                15,
                0.7,
                6.7,
                63.2,
                73.5,
                20,
                Latency.ofMillis(List.of(5411.0, 5300.0, 6509.0, 4900.0)),
                buckets,
                backlog)
            : null,
        new LabResults.Monitoring(
            "dashboard.json",
            "dashboard.html",
            "cloudwatch.json",
            JSON.createObjectNode()
                .set(
                    "functions",
                    JSON.createArrayNode()
                        .add(
                            JSON.createObjectNode()
                                .put("function_name", "local-performance-function")
                                .put("invocations", 317)
                                .put("cold_starts", 9))),
            "Performance Analysis Report\n==========\nFunction: local-performance-function\n",
            List.of(
                "local-performance-function: Max Concurrency 4 in CloudWatch, n/a in the"
                    + " logs")));
  }

  /** A real load report: {@code requests} requests, each {@code nanos} long on a fake clock. */
  static LoadReport loadReport(long requests, long nanos) {
    AtomicLong clock = new AtomicLong();
    return LoadGenerator.builder()
        .totalRequests(requests)
        .ticker(() -> clock.addAndGet(nanos / 2))
        .build()
        .run(id -> Outcome.success());
  }
}
