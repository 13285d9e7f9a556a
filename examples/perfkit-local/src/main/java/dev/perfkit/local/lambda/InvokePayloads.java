package dev.perfkit.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** What the Invoke API accepts as a payload and as a client context, with Lambda's refusals. */
final class InvokePayloads {

  static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  private InvokePayloads() {}

  /** The payload to deliver: JSON within the invocation type's limit; {@code {}} when empty. */
  static byte[] check(byte[] payload, InvocationType type) {
    int limit = type == InvocationType.EVENT ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
    if (payload.length > limit) {
      throw LocalLambdaException.tooLarge(
          payload.length
              + " byte payload is too large for the "
              + type.wireName()
              + " invocation type (limit "
              + limit
              + " bytes)");
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

  /** The client context as the runtime receives it: decoded from Base64, checked to be JSON. */
  static Optional<String> decodeClientContext(Optional<String> clientContext) {
    return clientContext.map(
        encoded -> {
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
