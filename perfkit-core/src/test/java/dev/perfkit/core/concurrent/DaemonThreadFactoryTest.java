package dev.perfkit.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class DaemonThreadFactoryTest {

  @Test
  void newThread_isDaemonAndNumbered() {
    DaemonThreadFactory factory = DaemonThreadFactory.named("perfkit-test");

    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});

    assertThat(first.isDaemon()).isTrue();
    assertThat(first.getName()).isEqualTo("perfkit-test-1");
    assertThat(second.getName()).isEqualTo("perfkit-test-2");
  }

  @Test
  void named_blankPrefix_isRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DaemonThreadFactory.named(" "))
        .withMessage("prefix must not be blank");
  }
}
