package dev.perfkit.lab.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.local.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The external service of the performance function's {@code default} operation, on loopback: {@code
 * GET /uuid} answers {@code {"uuid": "..."}} as httpbin.org does, so that the lab runs without the
 * internet.
 */
final class UuidServer implements AutoCloseable {

  private static final int THREADS = 16;

  private final HttpServer server;
  private final ExecutorService executor;

  private UuidServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static UuidServer start() throws IOException {
    ExecutorService executor =
        Executors.newFixedThreadPool(THREADS, DaemonThreadFactory.named("perfkit-uuid-server"));
    HttpServer server = LoopbackHttpServer.create(0, 0, executor);
    server.createContext("/", UuidServer::handle);
    server.start();
    return new UuidServer(server, executor);
  }

  /** The URL the {@code default} operation GETs. */
  URI uuidUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/uuid");
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean found = exchange.getRequestURI().getPath().equals("/uuid");
      boolean get = exchange.getRequestMethod().equals("GET");
      int status = !found ? 404 : get ? 200 : 405;
      String body =
          status == 200
              ? "{\n  \"uuid\": \"" + UUID.randomUUID() + "\"\n}\n"
              : "{\"message\": \"" + (found ? "only GET /uuid" : "not found") + "\"}\n";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
