package dev.perfkit.local.lambda;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One invocation on its way through an execution environment. */
final class Invocation {

  /** How an invocation ended: the function's response, or its error object. */
  @SuppressWarnings("ArrayRecordComponent") // payload and log are passed along, never compared
  record Outcome(byte[] payload, Optional<String> errorType, byte[] logTail) {
    boolean failed() {
      return errorType.isPresent();
    }
  }

  final String requestId;
  final byte[] payload;
  final String invokedFunctionArn;
  final String traceId;
  final Optional<String> clientContext;
  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

  Invocation(
      String requestId,
      byte[] payload,
      String invokedFunctionArn,
      String traceId,
      Optional<String> clientContext) {
    this.requestId = requestId;
    this.payload = payload;
    this.invokedFunctionArn = invokedFunctionArn;
    this.traceId = traceId;
    this.clientContext = clientContext;
  }

  /** Completes the invocation; the first outcome wins. */
  void complete(Outcome result) {
    outcome.complete(result);
  }

  /** Waits for the outcome; empty when none came within {@code bound}. */
  Optional<Outcome> await(Duration bound) throws InterruptedException {
    try {
      return Optional.of(outcome.get(bound.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("invocation " + requestId + " failed", e.getCause());
    }
  }
}
