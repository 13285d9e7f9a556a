package dev.perfkit.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SleeperTest {

  @Test
  void system_waitsAtLeastTheDuration() throws InterruptedException {
    Ticker ticker = Ticker.system();
    long start = ticker.read();

    Sleeper.system().sleep(Duration.ofMillis(20));

    assertThat(ticker.read() - start).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
  }

  @Test
  void system_interrupted_throws() {
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> Sleeper.system().sleep(Duration.ofSeconds(5)))
        .isInstanceOf(InterruptedException.class);
  }
}
