package dev.perfkit.handlers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.perfkit.core.routing.ClientErrorException;
import java.util.Arrays;

/** The lab's {@code dataSize} parameter; each operation maps it to its own record count. */
enum DataSize {
  SMALL("small"),
  MEDIUM("medium"),
  LARGE("large");

  /** The request field of the operations that take a size. */
  static final String FIELD = "dataSize";

  private final String wireName;

  DataSize(String wireName) {
    this.wireName = wireName;
  }

  /** The name in requests and results, e.g. {@code small}. */
  @JsonValue
  String wireName() {
    return wireName;
  }

  /**
   * The size named {@code name}, by its wire name only: Jackson would otherwise also take an index
   * ({@code 1}, {@code "1"}) for a constant.
   *
   * @throws ClientErrorException naming {@code dataSize} and the allowed names
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static DataSize fromWireName(String name) {
    for (DataSize size : values()) {
      if (size.wireName.equals(name)) {
        return size;
      }
    }
    throw ClientErrorException.invalidValue(
        FIELD, "one of " + Arrays.stream(values()).map(DataSize::wireName).toList(), name);
  }

  /** {@code small} when the request names none, as in the lab. */
  static DataSize orDefault(DataSize dataSize) {
    return dataSize == null ? SMALL : dataSize;
  }
}
