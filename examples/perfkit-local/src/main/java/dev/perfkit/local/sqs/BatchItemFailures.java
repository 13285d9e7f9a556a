package dev.perfkit.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Lambda's reading of a function's response under {@code ReportBatchItemFailures}: a null or empty
 * response, or a null or empty {@code batchItemFailures}, is a complete success; invalid JSON, a
 * list that is not one, an item without a non-empty {@code itemIdentifier}, or one naming a message
 * not in the batch, is a complete failure.
 */
final class BatchItemFailures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchItemFailures() {}

  /**
   * The message ids the response reports as failed.
   *
   * @throws IllegalArgumentException when the response fails the whole batch; the message says why
   */
  static Set<String> parse(byte[] response, Set<String> batch) {
    JsonNode root;
    try {
      root = response.length == 0 ? null : JSON.readTree(response);
    } catch (IOException e) {
      throw new IllegalArgumentException("the response is not JSON");
    }
    if (root == null || root.isNull()) {
      return Set.of();
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "the response must be an object with batchItemFailures, was " + abbreviate(root));
    }
    JsonNode items = root.get("batchItemFailures");
    if (items == null || items.isNull()) {
      return Set.of();
    }
    if (!items.isArray()) {
      throw new IllegalArgumentException(
          "batchItemFailures must be a list, was " + abbreviate(items));
    }
    Set<String> failures = new HashSet<>();
    for (JsonNode item : items) {
      JsonNode id = item.get("itemIdentifier");
      if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
        throw new IllegalArgumentException(
            "each batchItemFailures item needs a non-empty itemIdentifier, was "
                + abbreviate(item));
      }
      if (!batch.contains(id.textValue())) {
        throw new IllegalArgumentException(
            "itemIdentifier " + abbreviate(id) + " is not a messageId of the batch");
      }
      failures.add(id.textValue());
    }
    return failures;
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
