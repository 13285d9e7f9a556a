package dev.perfkit.handlers;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * One deadline for a whole HTTP exchange (pooled connection, connect, headers, body): at the
 * deadline the exchange is cancelled, which closes its connection at once, so a server that
 * trickles its headers or body cannot keep the caller past it. Socket timeouts alone bound each
 * read, not the exchange.
 */
final class ExchangeDeadline implements AutoCloseable {

  private final CompletableFuture<Void> over = new CompletableFuture<>();
  private volatile boolean passed;

  /** Starts the clock of {@code exchange}: it is cancelled {@code limit} from now unless closed. */
  // The callback handles the one outcome that matters; the future whenComplete returns is not.
  @SuppressWarnings("FutureReturnValueIgnored")
  ExchangeDeadline(Duration limit, Cancellable exchange) {
    // orTimeout's timer is the JDK's shared daemon scheduler; completing the future unschedules it.
    over.orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS)
        .whenComplete(
            (ignored, failure) -> {
              if (failure instanceof TimeoutException) {
                passed = true;
                exchange.cancel();
              }
            });
  }

  /** Whether the deadline came before the exchange was over, and the exchange was cancelled. */
  boolean passed() {
    return passed;
  }

  /** The exchange is over: the deadline no longer applies. */
  @Override
  public void close() {
    over.complete(null);
  }
}
