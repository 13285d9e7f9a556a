package dev.perfkit.local.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to an accepted invocation, as the Invoke API returns it.
 *
 * @param statusCode 200, 202 or 204 by invocation type; a function error is still a 200
 * @param requestId the invocation's request id
 * @param payload the function's response, or the error object when it failed
 * @param functionError {@code Unhandled} when the function failed (threw, timed out, crashed)
 * @param logResult base64 of the last 4 KB of the invocation's log, when asked for
 * @param executedVersion the version that ran, for synchronous invocations
 */
@SuppressWarnings("ArrayRecordComponent") // the payload is passed along, never compared
public record InvokeResult(
    int statusCode,
    String requestId,
    byte[] payload,
    Optional<String> functionError,
    Optional<String> logResult,
    Optional<String> executedVersion) {

  /**
   * Checks for nulls and copies the payload.
   *
   * @param statusCode 200, 202 or 204 by invocation type
   * @param requestId the invocation's request id
   * @param payload the function's response or error object; copied
   * @param functionError {@code Unhandled} when the function failed, else empty
   * @param logResult base64 of the log tail, if asked for
   * @param executedVersion the version that ran, if synchronous
   */
  public InvokeResult {
    Objects.requireNonNull(requestId, "requestId");
    payload = Objects.requireNonNull(payload, "payload").clone();
    Objects.requireNonNull(functionError, "functionError");
    Objects.requireNonNull(logResult, "logResult");
    Objects.requireNonNull(executedVersion, "executedVersion");
  }

  /**
   * The payload.
   *
   * @return a copy of the function's response, or of the error object when it failed
   */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * The payload as text.
   *
   * @return the payload decoded as UTF-8
   */
  public String payloadAsString() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
