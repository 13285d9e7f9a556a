package dev.perfkit.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.load.LoadReport;
import org.junit.jupiter.api.Test;

/** Each benchmark operation completes all of its requests, as the score assumes. */
class LoadGeneratorStatesTest {

  private final LoadGeneratorBenchmark benchmark = new LoadGeneratorBenchmark();

  @Test
  void loadGenerator_completesEveryRequestOfTheRun() {
    LoadGeneratorBenchmark.Perfkit perfkit = new LoadGeneratorBenchmark.Perfkit();
    perfkit.build();

    LoadReport report = benchmark.loadGenerator(perfkit);

    assertThat(report.successfulRequests()).isEqualTo(LoadGeneratorBenchmark.REQUESTS);
    assertThat(report.truncated()).isFalse();
  }

  @Test
  void labLoop_completesEveryRequestOfTheRun() throws InterruptedException {
    LoadGeneratorBenchmark.Lab lab = new LoadGeneratorBenchmark.Lab();
    lab.build();

    LabLoadLoop.Report report = benchmark.labLoop(lab);

    assertThat(report.successfulRequests()).isEqualTo(LoadGeneratorBenchmark.REQUESTS);
  }
}
