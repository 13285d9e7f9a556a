package dev.perfkit.local.lambda;

import dev.perfkit.core.Preconditions;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of the Invoke API.
 *
 * @param functionName a function name, {@code name:qualifier}, or a (partial) function ARN
 * @param qualifier a version, {@code $LATEST} or an alias; empty for the one in the name or {@code
 *     $LATEST}
 * @param invocationType how the call is answered
 * @param payload the event, JSON; an empty payload is sent to the function as {@code {}}
 * @param tailLog whether to return the last 4 KB of the invocation's log (synchronous only)
 * @param clientContext the base64 {@code X-Amz-Client-Context}, if any
 */
@SuppressWarnings("ArrayRecordComponent") // the payload is passed along, never compared
public record InvokeRequest(
    String functionName,
    Optional<String> qualifier,
    InvocationType invocationType,
    byte[] payload,
    boolean tailLog,
    Optional<String> clientContext) {

  /**
   * Checks for nulls and copies the payload.
   *
   * @param functionName a function name, {@code name:qualifier}, or a (partial) function ARN
   * @param qualifier a version, {@code $LATEST} or an alias, or empty
   * @param invocationType how the call is answered
   * @param payload the event, JSON or empty; copied
   * @param tailLog whether to return the log tail
   * @param clientContext the base64 {@code X-Amz-Client-Context}, if any
   */
  public InvokeRequest {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(qualifier, "qualifier");
    Objects.requireNonNull(invocationType, "invocationType");
    payload = Objects.requireNonNull(payload, "payload").clone();
    Objects.requireNonNull(clientContext, "clientContext");
  }

  /**
   * The payload.
   *
   * @return a copy of the event's bytes; empty when the function is to receive {@code {}}
   */
  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * A synchronous invocation of {@code functionName} with a UTF-8 JSON payload.
   *
   * @param functionName a function name, {@code name:qualifier}, or a (partial) function ARN
   * @param payload the event, JSON
   * @return the request, without log tail or client context
   */
  public static InvokeRequest of(String functionName, String payload) {
    return builder(functionName).payload(payload).build();
  }

  /**
   * A builder for an invocation of {@code functionName}.
   *
   * @param functionName a function name, {@code name:qualifier}, or a (partial) function ARN
   * @return a new builder
   */
  public static Builder builder(String functionName) {
    return new Builder(functionName);
  }

  /** Builds an {@link InvokeRequest}: synchronous, payload {@code {}}, no log tail by default. */
  public static final class Builder {
    private final String functionName;
    private String qualifier;
    private InvocationType invocationType;
    private byte[] payload;
    private Boolean tailLog;
    private String clientContext;

    private Builder(String functionName) {
      this.functionName = Objects.requireNonNull(functionName, "functionName");
    }

    /**
     * Sets the version or alias.
     *
     * @param qualifier a version number, {@code $LATEST} or an alias
     * @return this builder
     */
    public Builder qualifier(String qualifier) {
      this.qualifier = Preconditions.setOnce("qualifier", this.qualifier, qualifier);
      return this;
    }

    /**
     * Sets the invocation type.
     *
     * @param invocationType default {@code RequestResponse}
     * @return this builder
     */
    public Builder invocationType(InvocationType invocationType) {
      this.invocationType =
          Preconditions.setOnce("invocationType", this.invocationType, invocationType);
      return this;
    }

    /**
     * Sets the payload bytes.
     *
     * @param payload JSON; default empty (the function receives {@code {}})
     * @return this builder
     */
    public Builder payload(byte[] payload) {
      this.payload = Preconditions.setOnce("payload", this.payload, payload);
      return this;
    }

    /**
     * Sets the payload as UTF-8 text.
     *
     * @param payload JSON
     * @return this builder
     */
    public Builder payload(String payload) {
      return payload(Objects.requireNonNull(payload, "payload").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Asks for the log tail, or not.
     *
     * @param tailLog default false
     * @return this builder
     */
    public Builder tailLog(boolean tailLog) {
      this.tailLog = Preconditions.setOnce("tailLog", this.tailLog, tailLog);
      return this;
    }

    /**
     * Sets the client context.
     *
     * @param clientContext Base64 of a JSON object
     * @return this builder
     */
    public Builder clientContext(String clientContext) {
      this.clientContext =
          Preconditions.setOnce("clientContext", this.clientContext, clientContext);
      return this;
    }

    /**
     * The request.
     *
     * @return the request
     */
    public InvokeRequest build() {
      return new InvokeRequest(
          functionName,
          Optional.ofNullable(qualifier),
          invocationType == null ? InvocationType.REQUEST_RESPONSE : invocationType,
          payload == null ? new byte[0] : payload,
          tailLog != null && tailLog,
          Optional.ofNullable(clientContext));
    }
  }
}
