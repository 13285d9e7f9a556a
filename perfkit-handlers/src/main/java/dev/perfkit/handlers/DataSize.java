package dev.perfkit.handlers;

import com.fasterxml.jackson.annotation.JsonValue;

/** The lab's {@code dataSize} parameter; each operation maps it to its own record count. */
enum DataSize {
  SMALL("small"),
  MEDIUM("medium"),
  LARGE("large");

  private final String wireName;

  DataSize(String wireName) {
    this.wireName = wireName;
  }

  /** The name in requests and results, e.g. {@code small}. */
  @JsonValue
  String wireName() {
    return wireName;
  }

  /** {@code small} when the request names none, as in the lab. */
  static DataSize orDefault(DataSize dataSize) {
    return dataSize == null ? SMALL : dataSize;
  }
}
