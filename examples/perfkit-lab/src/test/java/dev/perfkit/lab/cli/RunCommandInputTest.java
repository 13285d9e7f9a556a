package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code perfkit-lab run} refuses bad input before it starts anything. */
class RunCommandInputTest {

  @Test
  void run_scaleAboveOne_isRefusedWithTheRange() {
    CliRun run = CliRun.of("run", "--scale", "2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("perfkit-lab run: scale must be above 0 and at most 1");
  }

  @Test
  void run_morePoisonThanMessages_isRefused() {
    CliRun run = CliRun.of("run", "--messages", "3", "--poison", "5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("poisonMessages (5) must not exceed messages (3)");
  }

  @Test
  void run_noMessages_isRefusedWithTheRange() {
    CliRun run = CliRun.of("run", "--messages", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("messages must be 1 to 100000, was 0");
  }
}
