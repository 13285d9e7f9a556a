package dev.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class PreconditionsTest {

  @Test
  void setOnce_unset_returnsValue() {
    assertThat(Preconditions.setOnce("namespace", null, "Lab")).isEqualTo("Lab");
  }

  @Test
  void setOnce_alreadySet_namesTheOption() {
    assertThatIllegalStateException()
        .isThrownBy(() -> Preconditions.setOnce("namespace", "Lab", "Other"))
        .withMessage("namespace was already set");
  }

  @Test
  void setOnce_nullValue_namesTheOption() {
    assertThatNullPointerException()
        .isThrownBy(() -> Preconditions.setOnce("namespace", null, null))
        .withMessage("namespace");
  }
}
