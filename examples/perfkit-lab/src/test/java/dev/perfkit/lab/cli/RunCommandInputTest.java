package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code perfkit-lab run} refuses bad input before it starts anything. */
class RunCommandInputTest {

  static Stream<Arguments> badInput() {
    return Stream.of(
        arguments(
            new String[] {"run", "--scale", "2"},
            "perfkit-lab run: scale must be above 0 and at most 1"),
        arguments(
            new String[] {"run", "--messages", "3", "--poison", "5"},
            "poisonMessages (5) must not exceed messages (3)"),
        arguments(new String[] {"run", "--messages", "0"}, "messages must be 1 to 100000, was 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void run_badInput_isRefusedSayingWhy(String[] args, String why) {
    String err = CliRun.refused(args);

    assertThat(err).contains(why);
  }
}
