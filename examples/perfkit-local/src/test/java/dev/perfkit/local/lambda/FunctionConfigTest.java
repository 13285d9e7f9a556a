package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionConfigTest {

  @Test
  void build_defaults_areLambdas() {
    FunctionConfig config =
        FunctionConfig.builder("fn", "com.example.Handler::handleRequest", TestSupport.testCode())
            .build();

    assertThat(config.memoryMb()).isEqualTo(128);
    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.reservedConcurrency()).isEmpty();
    assertThat(config.aliases()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {127, 10_241})
  void build_memoryOutOfRange_namesFieldAndRange(int memoryMb) {
    assertThatThrownBy(() -> probe("fn").memoryMb(memoryMb).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memoryMb must be 128 to 10240, was " + memoryMb);
  }

  @Test
  void build_timeoutBeyond900Seconds_isRejected() {
    assertThatThrownBy(() -> probe("fn").timeout(Duration.ofSeconds(901)).build())
        .hasMessageStartingWith("timeout must be 1 to 900 seconds");
  }

  @Test
  void build_reservedEnvironmentVariable_isRejectedByName() {
    assertThatThrownBy(() -> probe("fn").environmentVariable("AWS_REGION", "eu-west-1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("environment must not set variables that Lambda reserves: [AWS_REGION]");
  }

  @Test
  void build_badName_namesAllowedCharacters() {
    assertThatThrownBy(() -> probe("my function").build())
        .hasMessage("name must be 1 to 64 letters, digits, '-' or '_', was 'my function'");
  }

  @Test
  void build_provisionedBeyondReserved_isRejected() {
    assertThatThrownBy(() -> probe("fn").reservedConcurrency(1).alias("prod", 2).build())
        .hasMessage("aliases' provisioned concurrency (2) must not exceed reservedConcurrency (1)");
  }

  @Test
  void aliasConfig_numericName_isRejected() {
    assertThatThrownBy(() -> new AliasConfig("12", 0))
        .hasMessageContaining("not only digits, was '12'");
  }

  @Test
  void build_emptyCode_isRejected() {
    assertThatThrownBy(() -> probe("fn").code(List.of()).build())
        .hasMessage("code must name at least one jar or class directory");
  }

  @Test
  void invocationType_unknownWireName_listsAllowedValues() {
    assertThatThrownBy(() -> InvocationType.fromWireName("Sync"))
        .hasMessage("X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, was 'Sync'");
  }

  @Test
  void builder_optionSetTwice_isRefusedNamingIt() {
    assertThatThrownBy(() -> probe("fn").memoryMb(256).memoryMb(512))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("memoryMb was already set");
  }

  @Test
  void toBuilder_optionSet_replacesOnlyThatValue() {
    FunctionConfig original = probe("fn").memoryMb(256).timeout(Duration.ofSeconds(9)).build();

    FunctionConfig resized = original.toBuilder().memoryMb(1024).build();

    assertThat(resized.memoryMb()).isEqualTo(1024);
    assertThat(resized.timeout()).isEqualTo(Duration.ofSeconds(9));
    assertThat(original.toBuilder().build()).isEqualTo(original);
  }
}
