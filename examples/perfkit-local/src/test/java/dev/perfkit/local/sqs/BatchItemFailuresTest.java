package dev.perfkit.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lambda's rules for a response under ReportBatchItemFailures. */
class BatchItemFailuresTest {

  private static final Set<String> BATCH = Set.of("a", "b", "c");

  @ParameterizedTest
  @ValueSource(
      strings = {"", "null", "{}", "{\"batchItemFailures\": null}", "{\"batchItemFailures\": []}"})
  void parse_emptyOrNullResponse_isACompleteSuccess(String response) {
    assertThat(BatchItemFailures.parse(bytes(response), BATCH)).isEmpty();
  }

  @Test
  void parse_listedIds_areTheFailures() {
    String response =
        "{\"batchItemFailures\": [{\"itemIdentifier\": \"a\"}, {\"itemIdentifier\": \"c\"}]}";

    assertThat(BatchItemFailures.parse(bytes(response), BATCH)).containsExactlyInAnyOrder("a", "c");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{not json | the response is not JSON",
        "\"ok\" | the response must be an object with batchItemFailures, was \"ok\"",
        "{\"batchItemFailures\": \"a\"} | batchItemFailures must be a list, was \"a\"",
        "{\"batchItemFailures\": [{\"itemIdentifier\": \"\"}]}"
            + " | each batchItemFailures item needs a non-empty itemIdentifier, was"
            + " {\"itemIdentifier\":\"\"}",
        "{\"batchItemFailures\": [{\"itemIdentifier\": null}]}"
            + " | each batchItemFailures item needs a non-empty itemIdentifier, was"
            + " {\"itemIdentifier\":null}",
        "{\"batchItemFailures\": [{\"id\": \"a\"}]}"
            + " | each batchItemFailures item needs a non-empty itemIdentifier, was {\"id\":\"a\"}",
        "{\"batchItemFailures\": [{\"itemIdentifier\": \"z\"}]}"
            + " | itemIdentifier \"z\" is not a messageId of the batch"
      })
  void parse_invalidResponse_failsTheWholeBatch(String response, String why) {
    assertThatThrownBy(() -> BatchItemFailures.parse(bytes(response), BATCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(why);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
