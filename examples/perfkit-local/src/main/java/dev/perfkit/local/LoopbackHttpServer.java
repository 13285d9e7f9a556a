package dev.perfkit.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/**
 * The JDK {@link HttpServer} as every local service starts it: on 127.0.0.1 only, with Nagle's
 * algorithm off.
 *
 * <p>The JDK server writes headers and body separately; with Nagle's algorithm on, the body waits
 * for the peer's delayed ACK: 40 ms on every small answer. The setting ({@code
 * sun.net.httpserver.nodelay}) is read once per JVM, when the first server starts, so it is set
 * here unless the JVM was started with a value of its own.
 */
public final class LoopbackHttpServer {

  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private LoopbackHttpServer() {}

  /**
   * A server bound to 127.0.0.1, not yet started.
   *
   * @param port the port; 0 picks a free one
   * @param backlog connections the kernel queues before they are accepted; 0 for the JDK's default
   * @param executor runs the exchanges
   * @return the bound server; the caller adds contexts and starts it
   * @throws IOException if the port cannot be bound
   */
  public static HttpServer create(int port, int backlog, Executor executor) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    server.setExecutor(executor);
    return server;
  }
}
