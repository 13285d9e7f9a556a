package dev.perfkit.lab.local;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import org.junit.jupiter.api.Test;

/** What the local lab's builder refuses before it starts anything. */
class LocalLabBuilderTest {

  private final LocalLab.Builder builder =
      LocalLab.builder(LabStack.forUser("buildertest", ColdStartMode.PROVISIONED));

  @Test
  void scale_setTwice_isRefusedNamingTheOption() {
    builder.scale(new LabScale(0.1));

    assertThatThrownBy(() -> builder.scale(new LabScale(0.2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("scale was already set");
  }

  @Test
  void lambdaPort_outOfRange_isRefusedWithTheRange() {
    assertThatThrownBy(() -> builder.lambdaPort(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lambdaPort must be 0 to 65535, was 70000");
  }
}
