package dev.perfkit.lab.tune;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.lab.local.LabTestSupport;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** What the tuner refuses before it calls anything. */
class MemoryTunerTest {

  private static LambdaClient client;

  @BeforeAll
  static void client() {
    client = LabTestSupport.lambdaClient(URI.create("http://127.0.0.1:9"));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  private static MemoryTuner.Builder tuner() {
    return MemoryTuner.builder(client, "fn");
  }

  @Test
  void memorySizes_empty_isRefusedWithTheRange() {
    assertThatThrownBy(() -> tuner().memorySizes(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memory sizes must list at least one size, in MB from 128 to 10240");
  }

  @Test
  void build_withoutMemorySizes_isRefused() {
    assertThatThrownBy(() -> tuner().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory sizes must list at least one size");
  }

  @Test
  void memorySizes_belowLambdasMinimum_isRefusedNamingTheSize() {
    assertThatThrownBy(() -> tuner().memorySizes(List.of(512, 64)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memory size 64 MB is outside what Lambda allows: 128 to 10240 MB");
  }

  @Test
  void memorySizes_aboveLambdasMaximum_isRefusedNamingTheSize() {
    assertThatThrownBy(() -> tuner().memorySizes(List.of(10_241)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("memory size 10241 MB is outside");
  }

  @Test
  void memorySizes_repeated_isRefused() {
    assertThatThrownBy(() -> tuner().memorySizes(Arrays.asList(512, 1024, 512)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memory size 512 MB is listed twice");
  }

  @Test
  void payload_notJson_isRefusedWithTheParserMessage() {
    assertThatThrownBy(() -> tuner().payload("{\"operation\": cpu}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("payload must be JSON")
        .hasMessageContaining("Unrecognized token 'cpu'");
  }

  @Test
  void payload_withTrailingText_isRefused() {
    assertThatThrownBy(() -> tuner().payload("{} {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("payload must be JSON");
  }

  @Test
  void build_loadTesterWithAPayloadThatIsNoObject_isRefused() {
    MemoryTuner.Builder tuner =
        tuner().memorySizes(List.of(512)).payload("[1, 2]").loadTester("load-tester");

    assertThatThrownBy(tuner::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "payload must be a JSON object when the load tester drives the function (it"
                + " is the test's testPayload), was [1, 2]");
  }

  @Test
  void invocations_zero_isRefusedWithTheRange() {
    assertThatThrownBy(() -> tuner().invocations(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invocations must be 1 to 1000000, was 0");
  }

  @Test
  void concurrency_aboveMaximum_isRefusedWithTheRange() {
    assertThatThrownBy(() -> tuner().concurrency(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("concurrency must be 1 to 1000, was 1001");
  }

  @Test
  void builder_blankFunction_isRefused() {
    assertThatThrownBy(() -> MemoryTuner.builder(client, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("function must name a Lambda function");
  }

  @Test
  void invocations_setTwice_isRefusedNamingTheOption() {
    MemoryTuner.Builder tuner = tuner().invocations(5);

    assertThatThrownBy(() -> tuner.invocations(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("invocations was already set");
  }
}
