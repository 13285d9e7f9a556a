package dev.perfkit.local.lambda;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

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
  private final AtomicReference<CompletableFuture<Outcome>> attempt =
      new AtomicReference<>(new CompletableFuture<>());

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
    attempt.get().complete(result);
  }

  /**
   * Gives the invocation back undelivered: the environment it was handed to ended before its
   * runtime took it (e.g. killed while idle), so another environment may run it.
   */
  void handBack() {
    attempt.get().completeExceptionally(new HandedBackException(requestId));
  }

  /** Starts another attempt after {@link #handBack}: the next outcome completes it. */
  void retry() {
    attempt.set(new CompletableFuture<>());
  }

  /**
   * Waits for the outcome; empty when none came within {@code bound}.
   *
   * @throws HandedBackException if the environment gave it back undelivered
   */
  Optional<Outcome> await(Duration bound) throws InterruptedException, HandedBackException {
    try {
      return Optional.of(attempt.get().get(bound.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HandedBackException handedBack) {
        throw handedBack;
      }
      throw new IllegalStateException("invocation " + requestId + " failed", e.getCause());
    }
  }

  /** The invocation came back from an environment that ended before its runtime took it. */
  static final class HandedBackException extends Exception {
    private static final long serialVersionUID = 1L;

    HandedBackException(String requestId) {
      super("invocation " + requestId + " came back undelivered", null, false, false);
    }
  }
}
