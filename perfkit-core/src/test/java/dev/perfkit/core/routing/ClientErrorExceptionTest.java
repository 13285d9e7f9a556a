package dev.perfkit.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientErrorExceptionTest {

  @Test
  void new_statusOutside4xx_isRejected() {
    assertThatThrownBy(() -> new ClientErrorException(500, "Oops", null, "no"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("statusCode must be 400 to 499, got 500");
  }

  @Test
  void new_errorTypeWithSpaces_isRejected() {
    assertThatThrownBy(() -> new ClientErrorException(403, "Not allowed", "targetUrl", "no"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Not allowed'");
  }

  @Test
  void invalidValue_longValue_isShortenedInTheMessage() {
    ClientErrorException error =
        ClientErrorException.invalidValue("id", "a short string", "x".repeat(500));

    assertThat(error.getMessage())
        .startsWith("Invalid value for 'id': expected a short string, got \"xxx")
        .endsWith("...")
        .hasSizeLessThan(200);
  }
}
