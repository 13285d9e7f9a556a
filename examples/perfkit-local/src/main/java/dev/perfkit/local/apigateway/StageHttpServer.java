package dev.perfkit.local.apigateway;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.local.apigateway.RequestHead.MalformedRequestException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * HTTP/1.1 on 127.0.0.1 for the API stage, keeping header names as the client spelled them.
 *
 * <p>API Gateway hands a proxy integration the request's headers as the client spelled them
 * ({@code x-api-key} stays {@code x-api-key}). The JDK's {@code com.sun.net.httpserver} cannot:
 * its {@code Headers} rewrites every name to one capital and lower case ({@code X-api-key}), and
 * it has no setting to keep them. So the stage reads requests itself: persistent connections,
 * {@code Content-Length} and chunked bodies, {@code Expect: 100-continue}; every answer carries
 * its {@code Content-Length}. A connection idle for {@link #IDLE_TIMEOUT_MILLIS} closes.
 */
final class StageHttpServer implements AutoCloseable {

  /** Answers one request; the server reads what the handler left of the body. */
  interface Handler {
    HttpAnswer answer(ClientRequest request) throws IOException;
  }

  static final int IDLE_TIMEOUT_MILLIS = 30_000;
  /** Body bytes the server reads past what the handler read to keep the connection open. */
  private static final long DRAIN_LIMIT = 64 * 1024;
  /** After the last answer, what the client still sends is read (up to this) before closing. */
  private static final int LINGER_BYTES = 1024 * 1024;
  private static final int LINGER_MILLIS = 1000;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(201, "Created"),
          Map.entry(202, "Accepted"),
          Map.entry(204, "No Content"),
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(304, "Not Modified"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(413, "Request Entity Too Large"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private final ServerSocket socket;
  private final Semaphore answering;
  private final Clock clock;
  private final ExecutorService threads;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private Handler handler;
  private volatile boolean closed;

  private StageHttpServer(ServerSocket socket, int concurrency, Clock clock, String threadPrefix) {
    this.socket = socket;
    this.answering = new Semaphore(concurrency);
    this.clock = clock;
    this.threads = Executors.newCachedThreadPool(DaemonThreadFactory.named(threadPrefix));
  }

  /**
   * A server bound to 127.0.0.1, not yet serving: connections wait in the backlog until {@link
   * #start}.
   *
   * @param port the port; 0 picks a free one
   * @param backlog connections the kernel queues before they are accepted
   * @param concurrency requests answered at once; further ones wait in line
   * @param clock the clock of the {@code Date} header
   * @param threadPrefix the name of the server's threads
   * @throws IOException when the port cannot be bound
   */
  static StageHttpServer bind(
      int port, int backlog, int concurrency, Clock clock, String threadPrefix)
      throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return new StageHttpServer(socket, concurrency, clock, threadPrefix);
  }

  /** Starts accepting connections, each request answered by {@code handler}. */
  void start(Handler handler) {
    this.handler = handler;
    threads.execute(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** Stops accepting, closes every connection (requests in flight are abandoned). */
  @Override
  public void close() {
    closed = true;
    closeQuietly(socket);
    connections.forEach(StageHttpServer::closeQuietly);
    threads.shutdownNow();
  }

  private void accept() {
    while (!closed) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException e) {
        if (!closed) {
          System.getLogger(ApiStage.class.getName())
              .log(System.Logger.Level.ERROR, "the stage stopped accepting connections", e);
        }
        return;
      }
      connections.add(connection);
      try {
        threads.execute(() -> serve(connection));
      } catch (RuntimeException rejected) { // closing
        connections.remove(connection);
        closeQuietly(connection);
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setTcpNoDelay(true);
      connection.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = new BufferedOutputStream(connection.getOutputStream());
      String sourceIp = connection.getInetAddress().getHostAddress();
      try {
        while (!closed && exchange(in, out, sourceIp)) {
          // the next request on the connection
        }
      } catch (MalformedRequestException answeredAlready) {
        // the connection closes
      }
      linger(connection, in);
    } catch (IOException e) {
      // The client went away or idled out: nothing to answer.
    } finally {
      connections.remove(connection);
    }
  }

  /**
   * Closes the sending side and reads what the client still sends for a moment, so that closing
   * does not reset the connection before the client read the last answer.
   */
  private static void linger(Socket connection, InputStream in) throws IOException {
    connection.shutdownOutput();
    connection.setSoTimeout(LINGER_MILLIS);
    byte[] discard = new byte[8192];
    int left = LINGER_BYTES;
    int read;
    while (left > 0 && (read = in.read(discard, 0, Math.min(discard.length, left))) >= 0) {
      left -= read;
    }
  }

  /** Reads and answers one request; false when the connection is to close. */
  private boolean exchange(InputStream in, OutputStream out, String sourceIp) throws IOException {
    RequestHead head;
    InputStream body;
    try {
      Optional<RequestHead> next = RequestHead.read(in);
      if (next.isEmpty()) {
        return false;
      }
      head = next.get();
      body = RequestBody.of(head, in);
    } catch (MalformedRequestException e) {
      write(out, HttpAnswer.gatewayError(e.status(), "{\"message\":\"" + reason(e.status())
          + "\"}"), false, true);
      throw e;
    }
    if (head.protocol().equals("HTTP/1.1") && head.hasToken("Expect", "100-continue")) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    HttpAnswer answer;
    answering.acquireUninterruptibly();
    try {
      answer =
          handler.answer(
              new ClientRequest(
                  head.method(),
                  head.rawPath(),
                  head.rawQuery(),
                  head.protocol(),
                  head.headers(),
                  body,
                  sourceIp));
    } finally {
      answering.release();
    }
    boolean keepAlive = head.keepAlive() && RequestBody.drain(body, DRAIN_LIMIT);
    write(out, answer, head.method().equals("HEAD"), !keepAlive);
    return keepAlive;
  }

  private void write(OutputStream out, HttpAnswer answer, boolean head, boolean close)
      throws IOException {
    StringBuilder text = new StringBuilder(256);
    text.append("HTTP/1.1 ").append(answer.status()).append(' ').append(reason(answer.status()))
        .append("\r\n");
    text.append("Date: ").append(DATE.format(clock.instant())).append("\r\n");
    answer.headers().forEach((name, values) -> values.forEach(
        value -> text.append(name).append(": ").append(value).append("\r\n")));
    byte[] body = answer.body();
    boolean bodyless = answer.status() == 204 || answer.status() == 304;
    if (!bodyless) {
      text.append("Content-Length: ").append(body.length).append("\r\n");
    }
    if (close) {
      text.append("Connection: close\r\n");
    }
    text.append("\r\n");
    out.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (!head && !bodyless) {
      out.write(body);
    }
    out.flush();
  }

  private static String reason(int status) {
    return REASONS.getOrDefault(status, "Status " + status);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // closing: nothing left to do with it
    }
  }
}
