package dev.perfkit.lab.runner;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.core.time.Ticker;
import org.junit.jupiter.api.Test;

/** What the runner's builder refuses before it runs anything. */
class LabRunnerBuilderTest {

  @Test
  void ticker_setTwice_isRefusedNamingTheOption() {
    LabRunner.Builder builder = LabRunner.builder("local").ticker(Ticker.system());

    assertThatThrownBy(() -> builder.ticker(Ticker.system()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("ticker was already set");
  }
}
