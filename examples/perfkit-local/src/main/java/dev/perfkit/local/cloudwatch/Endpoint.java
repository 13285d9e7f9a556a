package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP side: tells the protocol of each request (a CBOR path, an {@code X-Amz-Target} header,
 * else a query form), runs the operation and answers in the same protocol; serves the dashboard
 * pages under {@code /dashboards/}.
 */
final class Endpoint implements HttpHandler {

  static final String TARGET_PREFIX = "GraniteServiceVersion20100801";
  static final String CBOR_PATH = "/service/" + TARGET_PREFIX + "/operation/";

  /** Above CloudWatch's 1 MB PutMetricData limit, decompressed. */
  static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

  private static final System.Logger LOG = System.getLogger(LocalCloudWatch.class.getName());

  private final Map<String, Function<Input, JsonNode>> operations;
  private final DashboardPage pages;
  private final Protocol query = new QueryProtocol();
  private final Protocol json = SmithyProtocol.json();
  private final Protocol cbor = SmithyProtocol.cbor();
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

  Endpoint(Map<String, Function<Input, JsonNode>> operations, DashboardPage pages) {
    this.operations = Map.copyOf(operations);
    this.pages = pages;
  }

  /** Requests answered so far by {@code protocol} and {@code operation}. */
  long requests(String protocol, String operation) {
    LongAdder count = requests.get(protocol + " " + operation);
    return count == null ? 0 : count.sum();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (exchange.getRequestMethod().equals("GET")
          && (path.equals("/dashboards") || path.startsWith("/dashboards/"))) {
        String name =
            URLDecoder.decode(
                path.substring("/dashboards".length()).replaceFirst("^/", ""),
                StandardCharsets.UTF_8);
        DashboardPage.Html page = pages.render(name, exchange.getRequestURI().getRawQuery());
        send(
            exchange,
            new Protocol.Answer(
                page.status(),
                "text/html; charset=utf-8",
                page.body().getBytes(StandardCharsets.UTF_8),
                Map.of()));
        return;
      }
      String requestId = UUID.randomUUID().toString();
      Protocol protocol = query;
      String operation = null;
      byte[] body = new byte[0];
      try {
        body = body(exchange);
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (path.startsWith(CBOR_PATH)) {
          protocol = cbor;
          operation = path.substring(CBOR_PATH.length());
        } else if (target != null) {
          protocol = json;
          operation =
              target.startsWith(TARGET_PREFIX + ".")
                  ? target.substring(TARGET_PREFIX.length() + 1)
                  : target;
        } else {
          if (exchange.getRequestMethod().equals("GET")) {
            String form = exchange.getRequestURI().getRawQuery();
            body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
          }
          operation = QueryProtocol.form(body).get("Action");
        }
        Function<Input, JsonNode> handler = operation == null ? null : operations.get(operation);
        if (operation == null) {
          throw CloudWatchException.missingAction();
        }
        if (handler == null) {
          throw CloudWatchException.unknownOperation(operation);
        }
        JsonNode members;
        try {
          members = protocol.read(body);
        } catch (IOException e) {
          throw CloudWatchException.invalidValue(
              "The request body is not valid " + protocol.name() + ".");
        }
        JsonNode output = handler.apply(Input.root(members));
        requests
            .computeIfAbsent(protocol.name() + " " + operation, k -> new LongAdder())
            .increment();
        send(exchange, protocol.answer(operation, output, requestId));
      } catch (CloudWatchException e) {
        send(exchange, protocol.error(e, requestId));
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "the local CloudWatch failed on " + operation + " (request " + requestId + ")",
            e);
        send(exchange, protocol.error(CloudWatchException.internal(), requestId));
      }
    }
  }

  private static byte[] body(HttpExchange exchange) {
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    boolean gzip = encoding != null && encoding.equalsIgnoreCase("gzip");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      InputStream in =
          gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody();
      byte[] buffer = new byte[16 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (bytes.size() + n > MAX_REQUEST_BYTES) {
          throw CloudWatchException.invalidValue(
              "The request is larger than the "
                  + MAX_REQUEST_BYTES
                  + " bytes this local CloudWatch reads.");
        }
        bytes.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw CloudWatchException.invalidValue(
          "The request body could not be read"
              + (gzip ? " as gzip" : "")
              + ": "
              + e.getClass().getSimpleName()
              + ".");
    }
    return bytes.toByteArray();
  }

  private static void send(HttpExchange exchange, Protocol.Answer answer) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    if (answer.body().length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }
}
