package dev.perfkit.local.apigateway;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.InvokeResult;
import dev.perfkit.local.lambda.LocalLambda;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Invokes the integration's function within the integration timeout. As on API Gateway, a request
 * whose function overruns it is answered without the function's result, and the invocation goes on
 * to its end (Lambda does not stop a function its caller stopped waiting for).
 */
final class IntegrationInvoker implements AutoCloseable {

  private final LocalLambda lambda;
  private final ExecutorService invocations;

  IntegrationInvoker(LocalLambda lambda, String threadPrefix) {
    this.lambda = lambda;
    this.invocations = Executors.newCachedThreadPool(DaemonThreadFactory.named(threadPrefix));
  }

  /**
   * The invocation's result, or empty when {@code timeout} passed first.
   *
   * @throws dev.perfkit.local.lambda.LocalLambdaException when Lambda refuses the invocation
   */
  Optional<InvokeResult> invoke(InvokeRequest request, Duration timeout) {
    CompletableFuture<InvokeResult> result =
        CompletableFuture.supplyAsync(() -> lambda.invoke(request), invocations);
    try {
      return Optional.of(result.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the integration ran", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException("the invocation failed", e.getCause());
    }
  }

  /**
   * Takes no more invocations; those still running finish on their own, each bounded by its
   * function's timeout, as Lambda runs a function its caller stopped waiting for.
   */
  @Override
  public void close() {
    invocations.shutdown();
  }
}
