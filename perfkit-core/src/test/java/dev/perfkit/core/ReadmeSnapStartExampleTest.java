package dev.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's SnapStart lines added to its handler, which then serves its first request in a fresh
 * JVM (the cold start being the JVM's): priming during construction writes no EMF and leaves that
 * first request its cold start.
 */
class ReadmeSnapStartExampleTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;

  private static List<String> output;

  @BeforeAll
  static void runThePrimedHandler() throws Exception {
    output = ReadmeHandlerRun.inFreshJvm(work, List.of(), "snapstart");
  }

  @Test
  void primedHandler_firstInvocation_reportsItsColdStart() throws Exception {
    String answer =
        output.stream()
            .filter(line -> line.startsWith(ReadmeHandlerRun.ANSWER))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no answer in " + output));
    JsonNode body = JSON.readTree(answer.substring(ReadmeHandlerRun.ANSWER.length()));

    assertThat(body.at("/result/greeting").asText()).isEqualTo("hello lambda hello lambda");
    assertThat(body.at("/performance/cold_start").asBoolean()).isTrue();
  }

  @Test
  void primedHandler_writesOnlyTheFirstInvocationsDocument() throws Exception {
    List<String> documents = output.stream().filter(line -> line.startsWith("{\"_aws\"")).toList();

    assertThat(documents).hasSize(1);
    JsonNode document = JSON.readTree(documents.get(0));
    assertThat(document.get("ColdStarts").asDouble()).isEqualTo(1);
    assertThat(document.get("SuccessfulInvocations").asDouble()).isEqualTo(1);
    assertThat(document.get("Greetings").asDouble()).isEqualTo(2);
  }
}
