package dev.perfkit.core.clients;

import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The SDK HTTP client every registry-built SDK client holds. The SDK's Apache client has no call
 * that closes its pooled connections and stays usable, so this one delegates to an Apache client
 * that {@link #reset()} closes (every connection with it) and the next use, or {@link #reopen()},
 * replaces with a fresh one.
 */
final class ResettableSdkHttpClient implements SdkHttpClient {

  /** The name the SDK's Apache 5 client reports (its own constant is private). */
  private static final String CLIENT_NAME = "Apache5";

  private final Supplier<SdkHttpClient> factory;
  private final Object lock = new Object();
  private volatile SdkHttpClient current;
  private boolean closed;

  ResettableSdkHttpClient(Supplier<SdkHttpClient> factory) {
    this.factory = factory;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return delegate().prepareRequest(request);
  }

  @Override
  public String clientName() {
    return CLIENT_NAME;
  }

  /** Closes the current pool, and every connection in it. */
  void reset() {
    SdkHttpClient old;
    synchronized (lock) {
      old = current;
      current = null;
    }
    if (old != null) {
      old.close();
    }
  }

  /** Opens a fresh pool now rather than on the next request. */
  void reopen() {
    delegate();
  }

  private SdkHttpClient delegate() {
    SdkHttpClient client = current;
    if (client != null) {
      return client;
    }
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the ClientRegistry that owns this SDK client is closed");
      }
      if (current == null) {
        current = factory.get();
      }
      return current;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    reset();
  }
}
