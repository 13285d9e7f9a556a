package dev.perfkit.local.apigateway;

import static dev.perfkit.local.apigateway.StageTestSupport.JSON;
import static dev.perfkit.local.apigateway.StageTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stage's HTTP/1.1 server spoken to over raw sockets, so that every byte, and the spelling of
 * every header name, is the test's.
 */
class StageHttpServerTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-04T19:15:17Z"), ZoneOffset.UTC);

  private StageHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = StageHttpServer.start(0, 16, 4, CLOCK, StageHttpServerTest::echo);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Answers with what it was given: method, path, query, headers and body. */
  private static HttpAnswer echo(ClientRequest request) throws IOException {
    ObjectNode echo = JSON.createObjectNode();
    echo.put("method", request.method());
    echo.put("path", request.rawPath());
    echo.put("query", request.rawQuery());
    echo.set("headers", JSON.valueToTree(request.headers()));
    echo.put("body", new String(request.body().readAllBytes(), StandardCharsets.UTF_8));
    return new HttpAnswer(
        200,
        Map.of("Content-Type", List.of("application/json"), "x-amzn-RequestId", List.of("id")),
        JSON.writeValueAsBytes(echo),
        true);
  }

  /** API Gateway passes header names to the integration as the client spelled them. */
  @Test
  void request_headerNames_reachTheHandlerAsTheClientSpelledThem() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          "GET /prod/performance?operation=default HTTP/1.1\r\nHost: localhost\r\n"
              + "x-api-key: k3y\r\nX-CUSTOM: one\r\nx-custom: two\r\ncontent-TYPE: text/plain\r\n\r\n");

      Response response = Response.read(socket.getInputStream());

      JsonNode headers = json(response.body).get("headers");
      assertThat(headers.fieldNames())
          .toIterable()
          .containsExactly("Host", "x-api-key", "X-CUSTOM", "content-TYPE");
      assertThat(headers.get("X-CUSTOM"))
          .extracting(JsonNode::asText)
          .containsExactly("one", "two");
      assertThat(json(response.body).get("query").asText()).isEqualTo("operation=default");
    }
  }

  @Test
  void response_headerNames_areWrittenAsTheHandlerSpelledThem() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");

      Response response = Response.read(socket.getInputStream());

      assertThat(response.status).isEqualTo("HTTP/1.1 200 OK");
      assertThat(response.headers)
          .containsKeys("x-amzn-RequestId", "Content-Type", "Content-Length", "Date")
          .containsEntry("Date", "Wed, 04 Mar 2026 19:15:17 GMT");
    }
  }

  @Test
  void keepAlive_secondRequestOnTheConnection_isAnsweredToo() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nfirst");
      Response first = Response.read(socket.getInputStream());
      send(socket, "POST /b HTTP/1.1\r\nHost: localhost\r\nContent-Length: 6\r\n\r\nsecond");
      Response second = Response.read(socket.getInputStream());

      assertThat(json(first.body).get("body").asText()).isEqualTo("first");
      assertThat(json(second.body).get("path").asText()).isEqualTo("/b");
      assertThat(json(second.body).get("body").asText()).isEqualTo("second");
      assertThat(second.headers).doesNotContainKey("Connection");
    }
  }

  @Test
  void chunkedBody_isDecoded_andTheNextRequestFollowsIt() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          "POST /a HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
              + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: dropped\r\n\r\n"
              + "GET /next HTTP/1.1\r\nHost: localhost\r\n\r\n");

      Response chunked = Response.read(socket.getInputStream());
      Response next = Response.read(socket.getInputStream());

      assertThat(json(chunked.body).get("body").asText()).isEqualTo("hello, world");
      assertThat(json(next.body).get("path").asText()).isEqualTo("/next");
    }
  }

  @Test
  void expectContinue_isAnsweredBeforeTheClientSendsTheBody() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          "POST /a HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n"
              + "Expect: 100-continue\r\n\r\n");
      Response interim = Response.read(socket.getInputStream());
      send(socket, "body");
      Response response = Response.read(socket.getInputStream());

      assertThat(interim.status).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(json(response.body).get("body").asText()).isEqualTo("body");
    }
  }

  @Test
  void connectionClose_closesTheConnectionAfterTheAnswer() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

      Response response = Response.read(socket.getInputStream());

      assertThat(response.headers).containsEntry("Connection", "close");
      assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
    }
  }

  @Test
  void head_isAnsweredWithoutABody() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          "HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\nGET /after HTTP/1.1\r\n"
              + "Host: localhost\r\n\r\n");

      Response head = Response.readHead(socket.getInputStream());
      Response after = Response.read(socket.getInputStream());

      assertThat(head.headers).containsKey("Content-Length");
      assertThat(json(after.body).get("path").asText()).isEqualTo("/after");
    }
  }

  @Test
  void malformedRequestLine_is400_andTheConnectionCloses() throws IOException {
    try (Socket socket = connect()) {
      send(socket, "NOT-HTTP\r\n\r\n");

      Response response = Response.read(socket.getInputStream());

      assertThat(response.status).isEqualTo("HTTP/1.1 400 Bad Request");
      assertThat(response.body).startsWith("Invalid request line");
      assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
    }
  }

  @Test
  void headOverTheLimit_is431() throws IOException {
    try (Socket socket = connect()) {
      send(
          socket,
          "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(StageHttpServer.MAX_LINE_BYTES) + "\r\n\r\n");

      Response response = Response.read(socket.getInputStream());

      assertThat(response.status).isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    socket.setSoTimeout(30_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** A response read off the socket byte by byte: status line, headers, body. */
  private record Response(String status, Map<String, String> headers, String body) {

    static Response read(InputStream in) throws IOException {
      Response head = readHead(in);
      if (head.status.startsWith("HTTP/1.1 1")) {
        return head;
      }
      int length = Integer.parseInt(head.headers.getOrDefault("Content-Length", "0"));
      return new Response(
          head.status, head.headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    static Response readHead(InputStream in) throws IOException {
      String status = line(in);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
      return new Response(status, headers, "");
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("the server closed the connection within a response head");
        }
        line.write(b);
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
  }
}
