package dev.perfkit.core.batch;

import java.util.List;

/**
 * The fields of a batch event that the processors depend on, checked with a message that names the
 * field: a malformed event fails the invocation, which Lambda retries, rather than letting a batch
 * be reported wrongly.
 */
final class EventFields {

  private EventFields() {}

  /**
   * Returns {@code records}, the event's {@code Records} list.
   *
   * @param eventName the event as the message names it, e.g. {@code an SQS event}
   * @throws IllegalArgumentException when the list or one of its records is null
   */
  static <R> List<R> records(List<R> records, String eventName) {
    if (records == null) {
      throw new IllegalArgumentException(
          "event.Records is null: not " + eventName + " (expected a \"Records\" list)");
    }
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i) == null) {
        throw new IllegalArgumentException("event.Records[" + i + "] is null");
      }
    }
    return records;
  }

  /**
   * Returns {@code value}, the {@code field} of {@code event.Records[index]}, as the {@code
   * itemIdentifier} of a failed record. Lambda treats a null or empty identifier as a failure of
   * the whole batch, so a record without one cannot be reported alone: the invocation fails
   * instead, naming the field, and Lambda retries the batch.
   *
   * @throws IllegalArgumentException when it is null or blank
   */
  static String itemIdentifier(String value, int index, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "event.Records["
              + index
              + "]."
              + field
              + " is "
              + (value == null ? "missing" : "blank")
              + ": the record failed and cannot be reported without it, so the whole batch fails"
              + " and Lambda retries it");
    }
    return value;
  }
}
