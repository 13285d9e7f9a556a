package dev.perfkit.core.clients;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JDK HTTP server on 127.0.0.1 and a random port that answers every request with one canned
 * response and records what it received, including the client's address: each distinct remote
 * port is one TCP connection.
 */
final class LocalHttpServer implements AutoCloseable {

  /** One request as the server saw it. */
  record Request(
      String method, String path, Headers headers, String body, InetSocketAddress remote) {

    String header(String name) {
      return headers.getFirst(name);
    }
  }

  static {
    // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK:
    // 40 ms per request on loopback.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private LocalHttpServer(int status, Map<String, String> responseHeaders, String responseBody) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] body = responseBody.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            record(exchange);
            responseHeaders.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  /** A server answering 200 with a short text body. */
  static LocalHttpServer ok() {
    return answering(200, Map.of("Content-Type", "text/plain"), "ok");
  }

  static LocalHttpServer answering(int status, Map<String, String> headers, String body) {
    return new LocalHttpServer(status, headers, body);
  }

  private void record(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders(),
            body,
            exchange.getRemoteAddress()));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** How many TCP connections the requests so far arrived on. */
  long connections() {
    return requests.stream().map(Request::remote).distinct().count();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
