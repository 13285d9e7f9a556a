package dev.perfkit.core.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A JDK HTTP or HTTPS server on 127.0.0.1 and a random port that answers every request with one
 * canned response, and records what it received, including the client's address: each distinct
 * remote port is one TCP connection. An HTTPS server has a self-signed certificate for 127.0.0.1
 * and localhost; {@link #trustingContext()} is a client TLS context that trusts it alone.
 *
 * <pre>{@code
 * try (LocalHttpServer server = LocalHttpServer.ok()) {
 *   get(server.uri("/"));
 *   assertThat(server.requests()).hasSize(1);
 * }
 * }</pre>
 */
public final class LocalHttpServer implements AutoCloseable {

  /**
   * One request as the server saw it.
   *
   * @param method the HTTP method
   * @param path the request URI's path
   * @param headers the request headers
   * @param body the request body, as UTF-8
   * @param remote the client's address: one per TCP connection
   */
  public record Request(
      String method, String path, Headers headers, String body, InetSocketAddress remote) {

    /**
     * The first value of a request header.
     *
     * @param name the header name, in any case
     * @return its first value, or null when absent
     */
    public String header(String name) {
      return headers.getFirst(name);
    }
  }

  static {
    // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK:
    // 40 ms per request on loopback. Read once, when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final SelfSignedTls tls;
  private final boolean keepsRequests;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();

  private LocalHttpServer(Builder builder) {
    this.tls = builder.https ? SelfSignedTls.generate() : null;
    this.keepsRequests = builder.keepsRequests;
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try {
      if (tls == null) {
        server = HttpServer.create(loopback, 0);
      } else {
        HttpsServer https = HttpsServer.create(loopback, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
        server = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] body = builder.body.getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = builder.headers;
    int status = builder.status;
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            record(exchange);
            headers.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  /**
   * An HTTP server answering 200 with the text {@code ok}.
   *
   * @return the started server
   */
  public static LocalHttpServer ok() {
    return builder().start();
  }

  /**
   * An HTTP server answering every request with this response.
   *
   * @param status the status code
   * @param headers the response headers
   * @param body the response body, sent as UTF-8; empty for none
   * @return the started server
   */
  public static LocalHttpServer answering(int status, Map<String, String> headers, String body) {
    return builder().answering(status, headers, body).start();
  }

  /**
   * A builder of a server answering 200 {@code ok} over HTTP and keeping every request.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private void record(HttpExchange exchange) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    clients.add(exchange.getRemoteAddress());
    if (keepsRequests) {
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders(),
              body,
              exchange.getRemoteAddress()));
    }
  }

  /**
   * The server's URI of {@code path}.
   *
   * @param path an absolute path, e.g. {@code /uuid}
   * @return {@code http://127.0.0.1:<port><path>}, or {@code https://...}
   */
  public URI uri(String path) {
    String scheme = tls == null ? "http" : "https";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /**
   * The requests received so far.
   *
   * @return the requests, in arrival order
   * @throws IllegalStateException when the server was built not to keep them
   */
  public List<Request> requests() {
    if (!keepsRequests) {
      throw new IllegalStateException("this server counts connections only; it keeps no requests");
    }
    return List.copyOf(requests);
  }

  /**
   * How many TCP connections the requests so far arrived on.
   *
   * @return the number of distinct client addresses
   */
  public long connections() {
    return clients.size();
  }

  /**
   * A client TLS context whose only trusted certificate is this server's.
   *
   * @return the context
   * @throws IllegalStateException for an HTTP server
   */
  public SSLContext trustingContext() {
    if (tls == null) {
      throw new IllegalStateException("an HTTP server has no certificate; build it with https()");
    }
    return tls.trustingContext();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Configures a {@link LocalHttpServer}. */
  public static final class Builder {
    private boolean https;
    private boolean keepsRequests = true;
    private int status = 200;
    private Map<String, String> headers = Map.of("Content-Type", "text/plain");
    private String body = "ok";

    private Builder() {}

    /**
     * Serves HTTPS under a new self-signed certificate.
     *
     * @return this builder
     */
    public Builder https() {
      this.https = true;
      return this;
    }

    /**
     * The response to every request.
     *
     * @param status the status code
     * @param headers the response headers
     * @param body the response body, sent as UTF-8; empty for none
     * @return this builder
     */
    public Builder answering(int status, Map<String, String> headers, String body) {
      this.status = status;
      this.headers = Map.copyOf(headers);
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /**
     * Keeps no requests, only the connections they came on: for runs of many requests, such as a
     * benchmark's, that must not fill the heap.
     *
     * @return this builder
     */
    public Builder countingConnectionsOnly() {
      this.keepsRequests = false;
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the started server; close it to stop it
     */
    public LocalHttpServer start() {
      return new LocalHttpServer(this);
    }
  }
}
