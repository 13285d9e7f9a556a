package dev.perfkit.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerErrorExceptionTest {

  @Test
  void constructor_serverStatus_keepsStatusTypeAndMessage() {
    ServerErrorException failure = new ServerErrorException(503, "Overloaded", "try again");

    assertThat(failure.statusCode()).isEqualTo(503);
    assertThat(failure.errorType()).isEqualTo("Overloaded");
    assertThat(failure.getMessage()).isEqualTo("try again");
    assertThat(failure.field()).isEmpty();
  }

  @Test
  void constructor_clientStatus_isRejectedNamingTheRange() {
    assertThatThrownBy(() -> new ServerErrorException(404, "NotFound", "gone"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statusCode must be 500 to 599, got 404");
  }
}
