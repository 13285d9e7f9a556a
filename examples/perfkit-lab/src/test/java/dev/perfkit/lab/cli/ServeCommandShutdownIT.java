package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.local.testing.SharedTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code perfkit-lab serve} stopped from outside: no process it started outlives it. */
class ServeCommandShutdownIT {

  private static final Duration EXIT_BOUND = Duration.ofSeconds(30);

  @Test
  void killed_leavesNoProcessItStartedRunning() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--username", "killtest", "--scale", "0.1")) {
      List<ProcessHandle> started = serve.descendants();
      assertThat(started)
          .as("the provisioned environment's JVM and dynalite; serve printed:%n%s", serve.output())
          .hasSizeGreaterThanOrEqualTo(
              serve.output().contains("DynamoDB (dynalite)  http") ? 2 : 1);

      serve.process().destroyForcibly();
      assertThat(serve.process().waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();

      assertThat(
              SharedTestSupport.eventually(
                  EXIT_BOUND, () -> started.stream().noneMatch(ProcessHandle::isAlive)))
          .as("still running after serve was killed: %s", ServeProcess.alive(started))
          .isTrue();
    }
  }

  @Test
  void terminated_stopsEverythingAndSaysSo() throws Exception {
    try (ServeProcess serve = ServeProcess.start("--username", "termtest", "--scale", "0.1")) {
      List<ProcessHandle> started = serve.descendants();
      assertThat(started).isNotEmpty();

      // SIGTERM through the handle: Process.destroy() would also close the output being read.
      serve.process().toHandle().destroy();
      assertThat(serve.process().waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(serve.awaitOutputEnd(EXIT_BOUND)).isTrue();

      assertThat(serve.process().exitValue()).as("SIGTERM's exit status").isEqualTo(143);
      assertThat(serve.output())
          .contains("perfkit-lab serve: stopping")
          .contains("perfkit-lab serve: stopped");
      assertThat(
              SharedTestSupport.eventually(
                  EXIT_BOUND, () -> started.stream().noneMatch(ProcessHandle::isAlive)))
          .as("still running after serve stopped: %s", ServeProcess.alive(started))
          .isTrue();
    }
  }
}
