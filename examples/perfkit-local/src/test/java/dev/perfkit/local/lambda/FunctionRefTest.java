package dev.perfkit.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionRefTest {

  @ParameterizedTest
  @CsvSource({
    "fn, fn, ''",
    "fn:prod, fn, prod",
    "fn:$LATEST, fn, $LATEST",
    "arn:aws:lambda:us-east-1:123456789012:function:fn, fn, ''",
    "arn:aws:lambda:us-east-1:123456789012:function:fn:7, fn, 7",
    "123456789012:function:fn:prod, fn, prod",
  })
  void parse_nameForms_yieldNameAndQualifier(String functionName, String name, String qualifier) {
    FunctionRef ref = FunctionRef.parse(functionName, Optional.empty());

    assertThat(ref.name()).isEqualTo(name);
    assertThat(ref.qualifier()).isEqualTo(Optional.of(qualifier).filter(q -> !q.isEmpty()));
  }

  @Test
  void parse_separateQualifier_isUsed() {
    assertThat(FunctionRef.parse("fn", Optional.of("prod")).qualifier()).contains("prod");
  }

  @Test
  void parse_conflictingQualifiers_isInvalidParameter() {
    assertThatThrownBy(() -> FunctionRef.parse("fn:prod", Optional.of("1")))
        .isInstanceOfSatisfying(
            LocalLambdaException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.errorCode()).isEqualTo("InvalidParameterValueException");
            });
  }

  @Test
  void parse_badName_namesAllowedForms() {
    assertThatThrownBy(() -> FunctionRef.parse("a/b", Optional.empty()))
        .hasMessageStartingWith("FunctionName must be a name of 1 to 64 letters");
  }
}
