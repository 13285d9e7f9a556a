package dev.perfkit.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntRangeTest {

  private final IntRange iterations = IntRange.of("iterations", 0, 100_000_000).withDefault(1000);

  @Test
  void validate_valueInRange_returnsIt() {
    assertThat(iterations.validate(100_000_000)).isEqualTo(100_000_000);
  }

  @Test
  void validate_null_returnsDefault() {
    assertThat(iterations.validate(null)).isEqualTo(1000);
  }

  @Test
  void validate_nullWithoutDefault_is400Missing() {
    assertThatThrownBy(() -> IntRange.of("workers", 1, 10).validate(null))
        .isInstanceOfSatisfying(
            ClientErrorException.class,
            e -> {
              assertThat(e.field()).contains("workers");
              assertThat(e.getMessage())
                  .isEqualTo("Missing value for 'workers': expected an integer from 1 to 10");
            });
  }

  @Test
  void validate_belowMin_is400NamingFieldAndRange() {
    assertThatThrownBy(() -> iterations.validate(-1))
        .isInstanceOf(ClientErrorException.class)
        .hasMessage(
            "Invalid value for 'iterations': expected an integer from 0 to 100000000, got -1");
  }

  @Test
  void new_minAboveMax_fails() {
    assertThatThrownBy(() -> IntRange.of("x", 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min must be <= max for 'x', got 2 > 1");
  }

  @Test
  void withDefault_outOfRange_fails() {
    assertThatThrownBy(() -> IntRange.of("x", 1, 10).withDefault(11))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("defaultValue of 'x' must be from 1 to 10, got 11");
  }
}
