package dev.perfkit.handlers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DynamoDB endpoint in front of dynalite that throttles BatchWriteItem the way DynamoDB does
 * under load: its first {@code refusals} calls are answered 200 with every item back in {@code
 * UnprocessedItems}, unwritten; everything else is forwarded to dynalite unchanged.
 */
final class UnprocessedItemsProxy implements AutoCloseable {

  private static final String BATCH_WRITE = "DynamoDB_20120810.BatchWriteItem";
  private static final Set<String> HOP_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

  private final HttpServer server;
  private final ExecutorService threads;
  private final HttpClient forwarder;
  private final URI dynalite;
  private final int refusals;
  private final AtomicInteger batchWrites = new AtomicInteger();

  private UnprocessedItemsProxy(URI dynalite, int refusals) throws IOException {
    this.dynalite = dynalite;
    this.refusals = refusals;
    this.threads = Executors.newCachedThreadPool();
    this.forwarder =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(threads).build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A proxy to {@code dynalite} refusing the first {@code refusals} BatchWriteItem calls. */
  static UnprocessedItemsProxy start(URI dynalite, int refusals) throws IOException {
    return new UnprocessedItemsProxy(dynalite, refusals);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** BatchWriteItem calls received, refused or forwarded. */
  int batchWrites() {
    return batchWrites.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] request;
    try (InputStream in = exchange.getRequestBody()) {
      request = in.readAllBytes();
    }
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (BATCH_WRITE.equals(target) && batchWrites.incrementAndGet() <= refusals) {
      refuse(exchange, new String(request, StandardCharsets.UTF_8));
      return;
    }
    forward(exchange, request);
  }

  private static void refuse(HttpExchange exchange, String request) throws IOException {
    // {"RequestItems": {...}} becomes {"UnprocessedItems": {...}}: nothing was written.
    String body = request.replaceFirst("\"RequestItems\"", "\"UnprocessedItems\"");
    if (body.equals(request)) {
      throw new IOException("not a BatchWriteItem request: " + request);
    }
    respond(
        exchange,
        200,
        Map.of("Content-Type", List.of("application/x-amz-json-1.0")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private void forward(HttpExchange exchange, byte[] request) throws IOException {
    HttpRequest.Builder copy =
        HttpRequest.newBuilder(dynalite.resolve(exchange.getRequestURI().getRawPath()))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(request));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> copy.header(name, value));
              }
            });
    HttpResponse<byte[]> response;
    try {
      response = forwarder.send(copy.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding to dynalite", e);
    }
    respond(exchange, response.statusCode(), response.headers().map(), response.body());
  }

  private static void respond(
      HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
      throws IOException {
    headers.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (!HOP_HEADERS.contains(lower) && !lower.equals("date") && !lower.startsWith(":")) {
            exchange.getResponseHeaders().put(name, values);
          }
        });
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the proxy's threads did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
