package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code perfkit-lab serve} refusing bad options before it starts anything. */
class ServeCommandOptionsTest {

  @Test
  void serve_scaleAboveOne_namesTheOptionAndItsRange() {
    CliRun run = CliRun.of("serve", "--scale", "2");

    assertThat(run.exitCode()).isEqualTo(PerfkitLab.BAD_INPUT);
    assertThat(run.err().strip()).isEqualTo("perfkit-lab serve: --scale: scale must be above 0"
        + " and at most 1 (1 = the lab's settings), was 2.0");
  }

  @Test
  void serve_portOutOfRange_namesTheOption() {
    CliRun run = CliRun.of("serve", "--api-port", "70000");

    assertThat(run.exitCode()).isEqualTo(PerfkitLab.BAD_INPUT);
    assertThat(run.err().strip())
        .isEqualTo("perfkit-lab serve: --api-port must be 0 to 65535, was 70000");
  }

  @Test
  void serve_missingHandlersJar_namesTheOption() {
    CliRun run = CliRun.of("serve", "--handlers-jar", "no/such-lambda.jar");

    assertThat(run.exitCode()).isEqualTo(PerfkitLab.BAD_INPUT);
    assertThat(run.err().strip())
        .isEqualTo("perfkit-lab serve: --handlers-jar no/such-lambda.jar: no such file");
  }

  @Test
  void serve_invalidUsername_isBadInput() {
    CliRun run = CliRun.of("serve", "--username", "Not Valid!");

    assertThat(run.exitCode()).isEqualTo(PerfkitLab.BAD_INPUT);
    assertThat(run.err()).startsWith("perfkit-lab serve: ");
  }

  @Test
  void help_listsServe() {
    CliRun run = CliRun.of("--help");

    assertThat(run.out()).containsPattern("serve\\s+Run the lab's stack on this machine");
  }
}
