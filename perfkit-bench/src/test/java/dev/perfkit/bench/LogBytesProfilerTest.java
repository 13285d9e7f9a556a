package dev.perfkit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.IterationResultMetaData;
import org.openjdk.jmh.results.Result;

class LogBytesProfilerTest {

  private final LogBytesProfiler profiler = new LogBytesProfiler();
  private final LogOutput log = new LogOutput();

  @Test
  void afterIteration_reportsBytesPrintedPerOperation() {
    profiler.beforeIteration(null, null);
    for (int i = 0; i < 10; i++) {
      log.stream().print("abc\n");
    }

    List<? extends Result> results = List.copyOf(profiler.afterIteration(null, null, ops(10)));

    assertThat(results).hasSize(1);
    assertThat(results.get(0).getLabel()).isEqualTo("log.bytes.norm");
    assertThat(results.get(0).getScoreUnit()).isEqualTo("B/op");
    assertThat(results.get(0).getScore()).isEqualTo(4.0);
  }

  @Test
  void afterIteration_countsOnlyTheIterationsOwnBytes() {
    log.stream().print("printed before the iteration");
    profiler.beforeIteration(null, null);
    log.stream().print("é");

    List<? extends Result> results = List.copyOf(profiler.afterIteration(null, null, ops(1)));

    assertThat(results.get(0).getScore()).isEqualTo(2.0);
  }

  @Test
  void afterIteration_reportsNothing_whenNothingWasPrinted() {
    profiler.beforeIteration(null, null);

    assertThat(profiler.afterIteration(null, null, ops(1000))).isEmpty();
  }

  private static IterationResult ops(long operations) {
    return new IterationResult(null, null, new IterationResultMetaData(operations, operations));
  }
}
