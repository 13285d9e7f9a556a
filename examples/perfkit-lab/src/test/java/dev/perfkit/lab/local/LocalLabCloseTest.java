package dev.perfkit.lab.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.local.testing.SharedTestSupport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalLabCloseTest {

  @Test
  void close_stopsEveryProcessTheLabStarted() throws Exception {
    List<ProcessHandle> started;
    try (LocalLab lab = LabTestSupport.smallLab("closetest").start()) {
      started = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
      assertThat(started)
          .as("the provisioned environment's JVM and, with Node.js, dynalite")
          .hasSizeGreaterThanOrEqualTo(lab.dynamoEndpoint().isPresent() ? 2 : 1);
    }

    assertThat(
            SharedTestSupport.eventually(
                Duration.ofSeconds(30), () -> started.stream().noneMatch(ProcessHandle::isAlive)))
        .as(
            "still alive: %s",
            started.stream()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList())
        .isTrue();
  }
}
