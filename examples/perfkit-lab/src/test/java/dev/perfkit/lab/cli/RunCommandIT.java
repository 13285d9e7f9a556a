package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.lab.local.LabTestSupport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perfkit-lab run} end to end at a tiny scale (10 requests, 30 messages), once for the
 * class: every task against a real local lab, then the report it wrote.
 */
class RunCommandIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]+)\"");
  private static final Pattern WIDGET =
      Pattern.compile(
          "<section class=\"widget\"[^>]*data-title=\"([^\"]*)\"[^>]*data-points=\"(\\d+)\"");

  @TempDir static Path out;
  private static CliRun run;
  private static JsonNode results;

  @BeforeAll
  @Timeout(value = 8, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  static void runTheLab() throws IOException {
    run =
        CliRun.of(
            "run",
            "--username",
            "runtest",
            "--scale",
            "0.1",
            "--requests",
            "10",
            "--messages",
            "30",
            "--poison",
            "3",
            "--out",
            out.toString(),
            "--cache-dir",
            LabTestSupport.cacheDirectory().toString());
    results = JSON.readTree(out.resolve("results.json").toFile());
  }

  @Test
  void run_tinyScale_runsEveryStepAndSaysWhatItScaled() {
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(results.get("failures")).as(run.out()).isEmpty();
    assertThat(run.out())
        .contains("provisioned concurrency on alias prod 10 -> 1 at --scale 0.1")
        .contains("usage plan rate 500/s, burst 1000, quota 10000 per DAY -> rate 25/s")
        .contains("Summary")
        .contains("Report: " + out.resolve("index.html"));
  }

  @Test
  void run_longSteps_showProgressBarsOnStandardError() {
    assertThat(run.err())
        .contains("  processed or dead-lettered [##############################] 30/30")
        .contains("  cold, warm and provisioned invocations [");
  }

  @Test
  void report_indexShowsChartFilesThatAreValidPngs() throws IOException {
    String page = Files.readString(out.resolve("index.html"));
    List<String> images = new ArrayList<>();
    Matcher matcher = IMAGE.matcher(page);
    while (matcher.find()) {
      images.add(matcher.group(1));
    }

    assertThat(images)
        .contains(
            "latency-percentiles.png",
            "cold-vs-warm.png",
            "provisioned-vs-on-demand.png",
            "lambda-throttles.png",
            "api-cache.png",
            "api-throttling.png",
            "memory.png",
            "sqs-backlog.png",
            "sqs-latency.png");
    for (String image : images) {
      BufferedImage png = ImageIO.read(out.resolve(image).toFile());
      assertThat(png).as(image).isNotNull();
      assertThat(png.getWidth()).as(image).isGreaterThan(400);
    }
  }

  @Test
  void results_everyMessageIsProcessedOrDeadLettered_thePoisonOnesInTheDlq() {
    JsonNode sqs = results.get("sqs");

    assertThat(sqs.get("sent").asLong()).isEqualTo(30);
    assertThat(sqs.get("processed").asLong() + sqs.get("dead_lettered").asLong()).isEqualTo(30);
    assertThat(sqs.get("dead_lettered").asLong()).isEqualTo(3);
    assertThat(sqs.get("backlog")).isNotEmpty();
  }

  @Test
  void results_apiStage_cachedGetsHitAndTheUsagePlanThrottlesThenRunsOut() {
    assertThat(results.at("/api_cache/misses").asLong()).isPositive();
    assertThat(results.at("/api_cache/hits").asLong()).isPositive();
    // As on API Gateway: the lab's caller, with an API key only, may not invalidate the cache.
    assertThat(results.at("/api_cache/invalidated_miss").asBoolean()).isFalse();
    assertThat(results.at("/api_throttling/throttled").asLong()).isPositive();
    assertThat(results.at("/api_throttling/limit_exceeded").asLong()).isPositive();
  }

  @Test
  void results_reservedConcurrency_throttlesTheCallsBeyondIt() {
    assertThat(results.at("/lambda_throttling/succeeded").asLong()).isPositive();
    assertThat(results.at("/lambda_throttling/throttled").asLong()).isPositive();
  }

  @Test
  void results_firstInvocations_coldOnDemandAndWarmWhenProvisioned() {
    JsonNode cold = results.get("cold_starts");

    assertThat(cold.get("on_demand_reported_cold").asInt()).isEqualTo(cold.get("rounds").asInt());
    assertThat(cold.get("provisioned_reported_cold").asInt()).isZero();
  }

  @Test
  void results_loadTester_ranTheLoadTestAndBothMemorySizes() {
    assertThat(results.at("/load_test/results/successful_requests").asLong()).isEqualTo(10);
    assertThat(results.at("/memory/sizes/0/memory_mb").asInt()).isEqualTo(512);
    assertThat(results.at("/memory/sizes/0/successful").asLong()).isEqualTo(5);
    assertThat(results.at("/memory/sizes/1/memory_mb").asInt()).isEqualTo(2048);
    assertThat(results.at("/memory/sizes/1/successful").asLong()).isEqualTo(5);
  }

  @Test
  void results_operations_answerThroughTheStage() {
    for (JsonNode operation : results.get("operations")) {
      if (!operation.get("operation").asText().equals("database_batch")) {
        assertThat(operation.get("status").asInt()).as(operation.toString()).isEqualTo(200);
      }
    }
    assertThat(results.get("operations")).hasSize(6);
  }

  @Test
  void report_embedsTheDashboardDrawnByTheLocalCloudWatch_withDataInEveryWidget()
      throws IOException {
    String index = Files.readString(out.resolve("index.html"));
    String page = Files.readString(out.resolve("dashboard.html"));
    Map<String, Integer> points = new LinkedHashMap<>();
    Matcher widget = WIDGET.matcher(page);
    while (widget.find()) {
      points.put(widget.group(1), Integer.parseInt(widget.group(2)));
    }

    assertThat(index).contains("<iframe class=\"dashboard\" src=\"dashboard.html\"");
    assertThat(points).as(page).hasSize(5);
    assertThat(points).allSatisfy((title, count) -> assertThat(count).as(title).isPositive());
    assertThat(JSON.readTree(out.resolve("cloudwatch.json").toFile()).toString())
        .contains("ConcurrentExecutions", "SuccessfulInvocations", "NumberOfMessagesSent");
  }

  @Test
  void results_task7ThroughGetMetricData_tellsMaxConcurrencyAndTheThrottles() {
    JsonNode performance = results.at("/analysis/functions/0");

    assertThat(results.at("/analysis/source").asText()).startsWith("CloudWatch");
    assertThat(performance.get("function_name").asText()).isEqualTo("runtest-performance-function");
    assertThat(performance.get("max_concurrency").asDouble())
        .as(performance.toString())
        .isGreaterThanOrEqualTo(1);
    // Task 2's throttles at the least: other steps may be throttled too.
    assertThat(performance.get("throttles").asLong())
        .as(performance.toString())
        .isGreaterThanOrEqualTo(results.at("/lambda_throttling/throttled").asLong())
        .isPositive();
    assertThat(results.get("log_differences").isArray()).as(results.toString()).isTrue();
  }

  @Test
  void report_dashboardBodyLogsAndAnalysis_areWritten() throws IOException {
    JsonNode dashboard = JSON.readTree(out.resolve("dashboard.json").toFile());

    assertThat(dashboard.get("widgets")).hasSize(5);
    assertThat(out.resolve("logs").resolve("runtest-performance-function")).isDirectory();
    assertThat(results.at("/analysis/functions/0/function_name").asText())
        .isEqualTo("runtest-performance-function");
    assertThat(results.at("/analysis/functions/0/invocations").asLong()).isPositive();
  }
}
