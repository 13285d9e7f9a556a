package dev.perfkit.local.apigateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.ProtocolVersion;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.ResponseConnControl;
import org.apache.hc.core5.http.protocol.ResponseContent;
import org.apache.hc.core5.http.protocol.ResponseDate;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP/1.1 on 127.0.0.1 for the API stage, keeping header names as the client spelled them.
 *
 * <p>API Gateway hands a proxy integration the request's headers as the client spelled them ({@code
 * x-api-key} stays {@code x-api-key}). The JDK's {@code com.sun.net.httpserver} cannot: its {@code
 * Headers} rewrites every name ({@code X-api-key}) and has no setting to keep them. Apache
 * HttpCore's classic server keeps them, and does the rest of HTTP/1.1: persistent connections,
 * {@code Content-Length} and chunked bodies, {@code Expect: 100-continue}, {@code HEAD}, and a 400
 * for what it cannot read.
 */
final class StageHttpServer implements AutoCloseable {

  /** Answers one request. */
  interface Handler {
    HttpAnswer answer(ClientRequest request) throws IOException;
  }

  /** The longest request line or header line read; a longer one is refused. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  /** A connection idle this long closes. */
  static final Timeout IDLE_TIMEOUT = Timeout.ofSeconds(30);

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  /** Headers the server frames the answer with itself. */
  private static final Set<String> FRAMING =
      Set.of(
          HttpHeaders.CONTENT_LENGTH.toLowerCase(Locale.ROOT),
          HttpHeaders.TRANSFER_ENCODING.toLowerCase(Locale.ROOT),
          HttpHeaders.CONNECTION.toLowerCase(Locale.ROOT),
          HttpHeaders.DATE.toLowerCase(Locale.ROOT));

  private final HttpServer server;

  private StageHttpServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts a server on 127.0.0.1 whose requests {@code handler} answers.
   *
   * @param port the port; 0 picks a free one
   * @param backlog connections the kernel queues before they are accepted
   * @param concurrency requests answered at once; further ones wait in line
   * @param clock the clock of the {@code Date} header
   * @param handler answers each request
   * @throws IOException when the port cannot be bound
   */
  static StageHttpServer start(int port, int backlog, int concurrency, Clock clock, Handler handler)
      throws IOException {
    Semaphore answering = new Semaphore(concurrency);
    HttpServer server =
        ServerBootstrap.bootstrap()
            .setLocalAddress(InetAddress.getLoopbackAddress())
            .setListenerPort(port)
            .setSocketConfig(
                SocketConfig.custom()
                    .setSoTimeout(IDLE_TIMEOUT)
                    .setTcpNoDelay(true)
                    .setBacklogSize(backlog)
                    .build())
            .setHttp1Config(Http1Config.custom().setMaxLineLength(MAX_LINE_BYTES).build())
            .setHttpProcessor(
                HttpProcessorBuilder.create()
                    .addAll(new ResponseDate(), new ResponseContent(), new ResponseConnControl())
                    .build())
            // Every request, whatever its Host, path or method: the stage answers what it does
            // not serve as API Gateway does. ResponseDate dates only the server's own answers
            // (a 400 for what it could not read); the handler's are dated by the clock.
            .setRequestRouter(
                (request, context) ->
                    (classic, response, exchange) ->
                        answer(handler, answering, clock, classic, response, exchange))
            .create();
    server.start();
    return new StageHttpServer(server);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Stops accepting and closes every connection; requests in flight are abandoned. */
  @Override
  public void close() {
    server.close(CloseMode.IMMEDIATE);
  }

  private static void answer(
      Handler handler,
      Semaphore answering,
      Clock clock,
      ClassicHttpRequest request,
      ClassicHttpResponse response,
      HttpContext context)
      throws IOException, HttpException {
    ClientRequest client = clientRequest(request, HttpCoreContext.cast(context));
    HttpAnswer answer;
    try {
      answering.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to answer", e);
    }
    try {
      answer = handler.answer(client);
    } finally {
      answering.release();
    }
    response.setCode(answer.status());
    response.setHeader(HttpHeaders.DATE, DATE.format(clock.instant()));
    answer
        .headers()
        .forEach(
            (name, values) -> {
              if (!FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> response.addHeader(name, value));
              }
            });
    response.setEntity(new ByteArrayEntity(answer.body(), null));
  }

  private static ClientRequest clientRequest(ClassicHttpRequest request, HttpCoreContext context)
      throws IOException {
    String target = request.getPath();
    int question = target.indexOf('?');
    Map<String, List<String>> headers = new LinkedHashMap<>();
    // Lines of a name sent several times, in any case, go under its first spelling.
    Map<String, String> spelling = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Header header : request.getHeaders()) {
      String name = spelling.computeIfAbsent(header.getName(), first -> first);
      headers.computeIfAbsent(name, first -> new ArrayList<>()).add(header.getValue());
    }
    InputStream body =
        request.getEntity() == null
            ? InputStream.nullInputStream()
            : request.getEntity().getContent();
    ProtocolVersion version =
        request.getVersion() == null ? HttpVersion.HTTP_1_1 : request.getVersion();
    SocketAddress remote = context.getEndpointDetails().getRemoteAddress();
    String sourceIp =
        remote instanceof InetSocketAddress address
            ? address.getAddress().getHostAddress()
            : "127.0.0.1";
    return new ClientRequest(
        request.getMethod(),
        question < 0 ? target : target.substring(0, question),
        question < 0 ? null : target.substring(question + 1),
        version.format(),
        headers,
        body,
        sourceIp);
  }
}
