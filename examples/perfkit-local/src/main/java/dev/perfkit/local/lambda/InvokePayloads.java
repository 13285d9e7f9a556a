package dev.perfkit.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What the Invoke API accepts as a payload and as a client context, with Lambda's refusals: a
 * payload up to 6 MB synchronously and 1 MB asynchronously (Invoke, API reference), answered beyond
 * with 413 {@code RequestEntityTooLargeException} in Lambda's words; a client context of up to
 * 3,583 bytes of Base64.
 */
final class InvokePayloads {

  static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;
  static final int MAX_CLIENT_CONTEXT = 3_583;
  private static final ObjectMapper JSON = new ObjectMapper();

  private InvokePayloads() {}

  /** The payload to deliver: JSON within the invocation type's limit; {@code {}} when empty. */
  static byte[] check(byte[] payload, InvocationType type) {
    if (payload.length > limit(type)) {
      throw tooLarge(payload.length, type);
    }
    if (payload.length == 0) {
      return "{}".getBytes(StandardCharsets.UTF_8);
    }
    try {
      JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw LocalLambdaException.invalidContent(
          "Could not parse request body into json: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return payload;
  }

  /**
   * The refusal of a {@code length}-byte payload: Lambda words it differently by invocation type,
   * e.g. {@code Request must be smaller than 6291456 bytes for the InvokeFunction operation}.
   */
  static LocalLambdaException tooLarge(long length, InvocationType type) {
    if (type == InvocationType.EVENT) {
      return LocalLambdaException.tooLarge(
          length
              + " byte payload is too large for the Event invocation type (limit "
              + MAX_ASYNC_PAYLOAD
              + " bytes)");
    }
    return LocalLambdaException.tooLarge(
        "Request must be smaller than "
            + MAX_SYNC_PAYLOAD
            + " bytes for the InvokeFunction"
            + " operation");
  }

  /** The largest payload an invocation of {@code type} takes. */
  static int limit(InvocationType type) {
    return type == InvocationType.EVENT ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
  }

  /**
   * The client context as the runtime receives it: at most {@value #MAX_CLIENT_CONTEXT} bytes of
   * Base64, decoded, checked to be JSON.
   */
  static Optional<String> decodeClientContext(Optional<String> clientContext) {
    return clientContext.map(
        encoded -> {
          if (encoded.length() > MAX_CLIENT_CONTEXT) {
            throw LocalLambdaException.invalidParameter(
                "Client context must be at most "
                    + MAX_CLIENT_CONTEXT
                    + " bytes of Base64-encoded data, was "
                    + encoded.length());
          }
          try {
            String decoded =
                new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            JSON.readTree(decoded);
            return decoded;
          } catch (IllegalArgumentException | IOException e) {
            throw LocalLambdaException.invalidParameter(
                "Client context must be a valid Base64-encoded JSON object.");
          }
        });
  }
}
