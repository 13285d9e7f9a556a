package dev.perfkit.lab.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PerformanceReportTest {

  @Test
  void differences_figuresTheOtherSourceTellsOtherwise_areListedWithBothValues() {
    PerformanceReport metrics = report(function(OptionalDouble.of(4), OptionalLong.of(7)));
    PerformanceReport logs = report(function(OptionalDouble.empty(), OptionalLong.empty()));

    assertThat(metrics.differences(logs, "in CloudWatch", "in the logs"))
        .containsExactly(
            "fn: Max Concurrency 4 in CloudWatch, n/a in the logs",
            "fn: Throttles 7 in CloudWatch, n/a in the logs");
  }

  @Test
  void differences_sameFigures_areNone() {
    PerformanceReport metrics = report(function(OptionalDouble.of(4), OptionalLong.of(7)));

    assertThat(metrics.differences(metrics, "here", "there")).isEmpty();
  }

  private static FunctionReport function(OptionalDouble maxConcurrency, OptionalLong throttles) {
    return new FunctionReport(
        "fn",
        1024,
        10,
        OptionalDouble.of(12.5),
        OptionalDouble.of(20),
        OptionalDouble.of(5),
        OptionalDouble.of(19),
        OptionalDouble.of(20),
        maxConcurrency,
        0,
        throttles,
        1,
        0.125);
  }

  private static PerformanceReport report(FunctionReport function) {
    return new PerformanceReport(
        "test", "now", List.of(function), LambdaPrices.X86_US_EAST_1, List.of());
  }
}
