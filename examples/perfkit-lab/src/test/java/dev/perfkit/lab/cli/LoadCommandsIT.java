package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.lab.local.LabTestSupport;
import dev.perfkit.lab.local.LocalLab;
import dev.perfkit.local.testing.SharedTestSupport;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code perfkit-lab load} and {@code sqs-load} against a local lab, as serve starts it. */
class LoadCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalLab lab;

  @BeforeAll
  static void startLab() throws IOException {
    lab = LabTestSupport.smallLab("loadtest").dynamo(false).start();
  }

  @AfterAll
  static void stopLab() {
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void load_localLab_printsTheLoadTestersResults() throws IOException {
    CliRun run =
        CliRun.of(
            "load",
            "--username",
            "loadtest",
            "--endpoint-url",
            lab.lambda().endpoint().toString(),
            "--concurrent",
            "2",
            "--total",
            "6",
            "--payload",
            "{\"operation\": \"cpu_intensive\", \"iterations\": 100}");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode results = JSON.readTree(run.out());
    assertThat(results.get("total_requests").asLong()).isEqualTo(6);
    assertThat(results.get("successful_requests").asLong()).isEqualTo(6);
    assertThat(results.at("/performance_metrics/p50_execution_time_ms").asDouble()).isPositive();
    assertThat(run.err())
        .contains(
            "loadtest-load-tester at "
                + lab.lambda().endpoint()
                + " drives loadtest-performance-function:prod: 6 requests, 2 at once");
  }

  @Test
  void load_unknownFunction_failsNamingIt() {
    CliRun run =
        CliRun.of(
            "load",
            "--username",
            "loadtest",
            "--endpoint-url",
            lab.lambda().endpoint().toString(),
            "--function",
            "nope");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("invoking nope failed: Function not found");
  }

  @Test
  void load_endpointNotAUrl_isRefusedNamingTheOption() {
    String err = CliRun.refused("load", "--endpoint-url", "not a url");

    assertThat(err).contains("--endpoint-url 'not a url': expected an http or https URL");
  }

  @Test
  void sqsLoad_localLab_sendsMessagesTheMappingProcesses() {
    long before = lab.sqsMapping().stats().messagesProcessed();

    CliRun run =
        CliRun.of(
            "sqs-load",
            "20",
            "--username",
            "loadtest",
            "--endpoint-url",
            lab.sqs().endpoint().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("sent 20 messages to " + lab.queues().queueUrl() + " in ");
    assertThat(
            SharedTestSupport.eventually(
                Duration.ofSeconds(90),
                () -> lab.sqsMapping().stats().messagesProcessed() - before >= 20))
        .as("%s", lab.sqsMapping().stats())
        .isTrue();
  }

  @Test
  void sqsLoad_poison_namesThePoisonMessages() {
    CliRun run =
        CliRun.of(
            "sqs-load",
            "10",
            "--username",
            "loadtest",
            "--endpoint-url",
            lab.sqs().endpoint().toString(),
            "--poison",
            "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("; poison: [msg-3, msg-8]");
  }

  @Test
  void sqsLoad_noMessages_isRefusedWithTheRange() {
    String err = CliRun.refused("sqs-load", "0", "--endpoint-url", lab.sqs().endpoint().toString());

    assertThat(err).contains("N must be 1 to 10000000, was 0");
  }
}
