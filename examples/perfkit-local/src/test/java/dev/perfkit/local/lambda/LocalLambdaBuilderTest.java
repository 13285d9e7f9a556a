package dev.perfkit.local.lambda;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalLambdaBuilderTest {

  @Test
  void port_setTwice_isRefusedNamingIt() {
    LocalLambda.Builder builder = LocalLambda.builder().port(0);

    assertThatThrownBy(() -> builder.port(9001))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("port was already set");
  }

  @Test
  void ticker_null_isRefusedNamingIt() {
    assertThatThrownBy(() -> LocalLambda.builder().ticker(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("ticker");
  }

  @Test
  void idleTimeout_zero_isRefusedNamingIt() {
    assertThatThrownBy(() -> LocalLambda.builder().idleTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idleTimeout must be positive, was PT0S");
  }
}
