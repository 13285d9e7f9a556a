package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code perfkit-lab serve} refusing bad options before it starts anything. */
class ServeCommandOptionsTest {

  static Stream<Arguments> badOptions() {
    return Stream.of(
        arguments(
            new String[] {"serve", "--scale", "2"},
            "perfkit-lab serve: --scale: scale must"
                + " be above 0 and at most 1 (1 = the lab's settings), was 2.0"),
        arguments(
            new String[] {"serve", "--api-port", "70000"},
            "perfkit-lab serve: --api-port must be 0 to 65535, was 70000"),
        arguments(
            new String[] {"serve", "--handlers-jar", "no/such-lambda.jar"},
            "perfkit-lab serve: --handlers-jar no/such-lambda.jar: no such file"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void serve_badOption_isRefusedNamingTheOption(String[] args, String message) {
    String err = CliRun.refused(args);

    assertThat(err.strip()).isEqualTo(message);
  }

  @Test
  void serve_invalidUsername_isBadInput() {
    String err = CliRun.refused("serve", "--username", "Not Valid!");

    assertThat(err).startsWith("perfkit-lab serve: ");
  }

  @Test
  void help_listsServe() {
    CliRun run = CliRun.of("--help");

    assertThat(run.out()).containsPattern("serve\\s+Run the lab's stack on this machine");
  }
}
