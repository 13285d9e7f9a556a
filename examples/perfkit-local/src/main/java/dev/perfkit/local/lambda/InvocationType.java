package dev.perfkit.local.lambda;

import java.util.Arrays;
import java.util.Objects;

/** How an invocation is answered: the {@code X-Amz-Invocation-Type} header. */
public enum InvocationType {
  /** Synchronous: the answer carries the function's response (200). */
  REQUEST_RESPONSE("RequestResponse", 200),
  /** Asynchronous: accepted and queued (202); errors are retried twice. */
  EVENT("Event", 202),
  /** Validation only: nothing runs (204). */
  DRY_RUN("DryRun", 204);

  private final String wireName;
  private final int statusCode;

  InvocationType(String wireName, int statusCode) {
    this.wireName = wireName;
    this.statusCode = statusCode;
  }

  /**
   * The header value.
   *
   * @return e.g. {@code RequestResponse}
   */
  public String wireName() {
    return wireName;
  }

  /**
   * The HTTP status of an accepted invocation of this type.
   *
   * @return 200, 202 or 204
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Parses a header value.
   *
   * @param wireName {@code RequestResponse}, {@code Event} or {@code DryRun}, case-sensitive
   * @return the type of that name
   * @throws IllegalArgumentException listing the allowed values when {@code wireName} is none
   */
  public static InvocationType fromWireName(String wireName) {
    Objects.requireNonNull(wireName, "wireName");
    return Arrays.stream(values())
        .filter(type -> type.wireName.equals(wireName))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, was '"
                        + wireName
                        + "'"));
  }
}
