package dev.perfkit.local.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of the Invoke API.
 *
 * @param functionName a function name, {@code name:qualifier}, or a (partial) function ARN
 * @param qualifier a version, {@code $LATEST} or an alias; empty for the one in the name or
 *     {@code $LATEST}
 * @param invocationType how the call is answered
 * @param payload the event, JSON; an empty payload is sent to the function as {@code {}}
 * @param tailLog whether to return the last 4 KB of the invocation's log (synchronous only)
 * @param clientContext the base64 {@code X-Amz-Client-Context}, if any
 */
public record InvokeRequest(
    String functionName,
    Optional<String> qualifier,
    InvocationType invocationType,
    byte[] payload,
    boolean tailLog,
    Optional<String> clientContext) {

  /** Checks for nulls and copies the payload. */
  public InvokeRequest {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(invocationType, "invocationType");
    payload = Objects.requireNonNull(payload, "payload").clone();
    Objects.requireNonNull(clientContext, "clientContext");
  }

  /** The payload (a copy). */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** A synchronous invocation of {@code functionName} with a UTF-8 JSON payload. */
  public static InvokeRequest of(String functionName, String payload) {
    return builder(functionName).payload(payload).build();
  }

  /** A builder for an invocation of {@code functionName}. */
  public static Builder builder(String functionName) {
    return new Builder(functionName);
  }

  /** Builds an {@link InvokeRequest}: synchronous, payload {@code {}}, no log tail by default. */
  public static final class Builder {
    private final String functionName;
    private String qualifier;
    private InvocationType invocationType = InvocationType.REQUEST_RESPONSE;
    private byte[] payload = new byte[0];
    private boolean tailLog;
    private String clientContext;

    private Builder(String functionName) {
      this.functionName = Objects.requireNonNull(functionName, "functionName");
    }

    /** Sets the version or alias. */
    public Builder qualifier(String qualifier) {
      this.qualifier = Objects.requireNonNull(qualifier, "qualifier");
      return this;
    }

    /** Sets the invocation type. */
    public Builder invocationType(InvocationType invocationType) {
      this.invocationType = Objects.requireNonNull(invocationType, "invocationType");
      return this;
    }

    /** Sets the payload bytes. */
    public Builder payload(byte[] payload) {
      this.payload = Objects.requireNonNull(payload, "payload");
      return this;
    }

    /** Sets the payload as UTF-8 text. */
    public Builder payload(String payload) {
      return payload(Objects.requireNonNull(payload, "payload").getBytes(StandardCharsets.UTF_8));
    }

    /** Asks for the log tail. */
    public Builder tailLog(boolean tailLog) {
      this.tailLog = tailLog;
      return this;
    }

    /** Sets the base64 client context. */
    public Builder clientContext(String clientContext) {
      this.clientContext = Objects.requireNonNull(clientContext, "clientContext");
      return this;
    }

    /** The request. */
    public InvokeRequest build() {
      return new InvokeRequest(
          functionName,
          Optional.ofNullable(qualifier),
          invocationType,
          payload,
          tailLog,
          Optional.ofNullable(clientContext));
    }
  }
}
