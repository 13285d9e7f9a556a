package dev.perfkit.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaLogsTest {

  private static final LabStack STACK = LabStack.forUser("user3", ColdStartMode.NONE);
  private static final LambdaLogs LOGS = new LambdaLogs(LambdaPrices.X86_US_EAST_1);

  private static String report(String id, double ms, long billed, String extra) {
    return "REPORT RequestId: "
        + id
        + "\tDuration: "
        + ms
        + " ms\tBilled Duration: "
        + billed
        + " ms\tMemory Size: 1024 MB\tMax Memory Used: 90 MB\t"
        + extra;
  }

  private static String emf(String metric, int value) {
    return "{\"_aws\":{\"Timestamp\":1764165600000,\"CloudWatchMetrics\":[{\"Namespace\":"
        + "\"HighPerformance\",\"Dimensions\":[[\"FunctionName\"]],\"Metrics\":[{\"Name\":\""
        + metric
        + "\",\"Unit\":\"Count\"}]}]},\"FunctionName\":\"user3-performance-function\","
        + "\""
        + metric
        + "\":"
        + value
        + "}";
  }

  @Test
  void report_localLabOutput_givesTheLabsFiguresAndEmfCounts(@TempDir Path dir) throws Exception {
    Path log =
        Files.write(
            dir.resolve("user3-performance-function.log"),
            List.of(
                "START RequestId: a Version: 1",
                emf("ColdStarts", 1),
                report("a", 10.0, 10, "Init Duration: 400.00 ms\t"),
                report("b", 20.0, 20, ""),
                emf("Errors", 1),
                report("c", 30.0, 30, ""),
                report("d", 40.0, 40, ""),
                "some handler output that is {not json"));

    FunctionReport performance = LOGS.report(STACK, List.of(log)).functions().get(0);

    assertThat(performance.functionName()).isEqualTo("user3-performance-function");
    assertThat(performance.invocations()).isEqualTo(4);
    assertThat(performance.averageDurationMs()).hasValue(25.0);
    assertThat(performance.maxDurationMs()).hasValue(40.0);
    assertThat(performance.minDurationMs()).hasValue(10.0);
    // HdrHistogram keeps three significant digits.
    assertThat(performance.p95DurationMs().getAsDouble()).isCloseTo(40.0, within(0.05));
    assertThat(performance.p99DurationMs().getAsDouble()).isCloseTo(40.0, within(0.05));
    assertThat(performance.errors()).isEqualTo(1);
    assertThat(performance.coldStarts()).isEqualTo(1);
    assertThat(performance.throttles()).isEmpty();
    assertThat(performance.maxConcurrency()).isEmpty();
    assertThat(performance.gbSeconds()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void report_timestampedExport_countsConcurrencyFromOverlappingInvocations(@TempDir Path dir)
      throws Exception {
    Path export = dir.resolve("aws/lambda/user3-sqs-scaler/2026/11/26/000000.gz");
    Files.createDirectories(export.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(export))) {
      out.write(
          String.join(
                  "\n",
                  "2026-11-26T14:00:01.000Z " + report("a", 500.0, 500, ""),
                  "2026-11-26T14:00:01.200Z " + report("b", 600.0, 600, ""),
                  "2026-11-26T14:00:01.300Z " + report("c", 400.0, 400, ""),
                  "2026-11-26T14:00:02.000Z " + report("d", 100.0, 100, ""))
              .getBytes(StandardCharsets.UTF_8));
    }

    PerformanceReport report = LOGS.report(STACK, List.of(dir));
    FunctionReport sqsScaler = report.functions().get(1);

    assertThat(sqsScaler.functionName()).isEqualTo("user3-sqs-scaler");
    assertThat(sqsScaler.invocations()).isEqualTo(4);
    assertThat(sqsScaler.maxConcurrency()).hasValue(3.0);
    assertThat(report.window()).isEqualTo("2026-11-26T14:00:01Z to 2026-11-26T14:00:02Z");
  }

  @Test
  void report_withoutEmfColdStarts_countsInitDurations(@TempDir Path dir) throws Exception {
    Path log =
        Files.write(
            dir.resolve("user3-sqs-scaler.log"),
            List.of(
                report("a", 10.0, 10, "Init Duration: 300.00 ms\t"),
                report("b", 10.0, 10, "Init Duration: 310.00 ms\t"),
                report("c", 10.0, 10, "")));

    assertThat(LOGS.report(STACK, List.of(log)).functions().get(1).coldStarts()).isEqualTo(2);
  }

  @Test
  void report_reportLineWithStatus_countsAsAnError(@TempDir Path dir) throws Exception {
    Path log =
        Files.write(
            dir.resolve("user3-performance-function.log"),
            List.of(report("a", 300000.0, 300000, "Status: timeout"), report("b", 10.0, 10, "")));

    assertThat(LOGS.report(STACK, List.of(log)).functions().get(0).errors()).isEqualTo(1);
  }

  @Test
  void report_fileOfNoAnalysedFunction_isSkippedWithANote(@TempDir Path dir) throws Exception {
    Path other = Files.write(dir.resolve("user3-load-tester.log"), List.of(report("a", 1, 1, "")));

    PerformanceReport report = LOGS.report(STACK, List.of(other));

    assertThat(report.functions()).allSatisfy(f -> assertThat(f.invocations()).isZero());
    assertThat(report.notes())
        .anySatisfy(
            note ->
                assertThat(note)
                    .startsWith("skipped " + other)
                    .contains("user3-performance-function nor user3-sqs-scaler"));
  }

  @Test
  void report_missingPath_namesIt(@TempDir Path dir) {
    Path missing = dir.resolve("nothing-here");

    assertThatThrownBy(() -> LOGS.report(STACK, List.of(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("log path " + missing + " does not exist");
  }

  @Test
  void toTable_printsTheLabsLinesWithTheNewFigures(@TempDir Path dir) throws IOException {
    Path log =
        Files.write(
            dir.resolve("user3-performance-function.log"), List.of(report("a", 12.5, 13, "")));

    String table = LOGS.report(STACK, List.of(log)).toTable();

    assertThat(table)
        .contains(
            "Function: user3-performance-function (1024 MB)",
            "Average Duration: 12.50 ms",
            "Max Concurrency:  n/a",
            "Throttles:        n/a",
            "Function: user3-sqs-scaler (256 MB)");
  }
}
