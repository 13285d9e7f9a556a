package dev.perfkit.core.coldstart;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InvocationStartTest {

  @Test
  void new_rejectsANegativeInitDuration() {
    assertThatThrownBy(
            () -> new InvocationStart(StartKind.COLD, Duration.ofMillis(-1), "on-demand"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initDuration must not be negative");
  }

  @Test
  void new_rejectsAnInitDurationForAWarmStart() {
    assertThatThrownBy(() -> new InvocationStart(StartKind.WARM, Duration.ofMillis(5), "on-demand"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("initDuration must be zero for a WARM start");
  }

  @Test
  void new_rejectsNullsNamingTheComponent() {
    assertThatThrownBy(() -> new InvocationStart(null, Duration.ZERO, "on-demand"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("kind");
    assertThatThrownBy(() -> new InvocationStart(StartKind.WARM, Duration.ZERO, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("initializationType");
  }
}
