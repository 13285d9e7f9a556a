package dev.perfkit.handlers;

import static dev.perfkit.handlers.PerformanceEvents.FUNCTION_NAME;
import static dev.perfkit.handlers.PerformanceEvents.body;
import static dev.perfkit.handlers.PerformanceEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The default operation against real local HTTP servers: live, failing, dead and silent. */
class DefaultOperationTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private ServerSocket rawServer;
  private ExecutorService serverThreads;
  private ClientRegistry clients;

  @AfterEach
  void stop() throws InterruptedException, IOException {
    release.countDown();
    if (clients != null) {
      clients.close();
    }
    if (server != null) {
      server.stop(0);
    }
    if (rawServer != null) {
      rawServer.close();
    }
    if (serverThreads != null) {
      serverThreads.shutdownNow();
      assertThat(serverThreads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private String serve(int status, String contentType, String body) throws IOException {
    return startServer(
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
  }

  private String startServer(HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    server.createContext("/uuid", handler);
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/uuid";
  }

  /** A server on a raw socket: {@code conversation} gets each connection after its request. */
  private String startRawServer(Conversation conversation) throws IOException {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    rawServer = listener;
    serverThreads = Executors.newCachedThreadPool();
    serverThreads.execute(
        () -> {
          while (!listener.isClosed()) {
            try {
              Socket socket = listener.accept();
              serverThreads.execute(() -> converse(socket, conversation));
            } catch (IOException closed) {
              return;
            }
          }
        });
    return "http://127.0.0.1:" + listener.getLocalPort() + "/uuid";
  }

  private static void converse(Socket socket, Conversation conversation) {
    try (socket) {
      BufferedReader request =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String line;
      do {
        line = request.readLine();
      } while (line != null && !line.isEmpty());
      conversation.answer(socket);
    } catch (IOException e) {
      // the client went away
    }
  }

  /** What a raw server writes to one connection. */
  @FunctionalInterface
  private interface Conversation {
    void answer(Socket socket) throws IOException;
  }

  /** Waits {@code pause} unless the test is over; true when it is over. */
  private boolean paused(Duration pause) {
    return awaitQuietly(release, pause);
  }

  private static boolean awaitQuietly(CountDownLatch latch, Duration bound) {
    try {
      return latch.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  private APIGatewayProxyResponseEvent call(String externalUrl, String body) {
    Environment environment =
        Environment.of(Map.of(PerformanceFunction.EXTERNAL_URL_VARIABLE, externalUrl));
    clients = ClientRegistry.builder(environment).build();
    PerformanceFunction function =
        new PerformanceFunction(
            PerformanceFunction.Configuration.builder(environment, clients)
                .metricsSink(new CapturedEmf())
                .build());
    return function.handleRequest(post(body), LambdaTestContext.of(FUNCTION_NAME));
  }

  private JsonNode callDefault(String externalUrl) {
    APIGatewayProxyResponseEvent response = call(externalUrl, "{}");
    assertThat(response.getStatusCode()).isEqualTo(200);
    return body(response).get("result");
  }

  @Test
  void default_liveServer_returnsItsJson() throws IOException {
    String url =
        serve(200, "application/json", "{\"uuid\": \"6f1d2c3b-1111-4222-8333-944455556666\"}");

    JsonNode result = callDefault(url);

    assertThat(result.get("operation").asText()).isEqualTo("default");
    assertThat(result.at("/external_data/uuid").asText())
        .isEqualTo("6f1d2c3b-1111-4222-8333-944455556666");
    assertThat(result.has("fallback_reason")).isFalse();
    assertThat(result.get("processing_time_ms").isNumber()).isTrue();
  }

  @Test
  void default_deadPort_fallsBackSayingConnectionRefused() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    JsonNode result = callDefault("http://127.0.0.1:" + port + "/uuid");

    assertThat(result.at("/external_data/uuid").asText()).isEqualTo("fallback");
    assertThat(result.get("fallback_reason").asText())
        .isEqualTo("connection refused by 127.0.0.1:" + port);
  }

  @Test
  void default_serverThatNeverAnswers_fallsBackSayingTimeout() throws IOException {
    String url =
        startServer(
            exchange -> {
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              exchange.close();
            });

    JsonNode result = callDefault(url);

    assertThat(result.at("/external_data/uuid").asText()).isEqualTo("fallback");
    assertThat(result.get("fallback_reason").asText())
        .isEqualTo("timeout: no response from 127.0.0.1 within 2000 ms");
  }

  @Test
  void default_bodyTrickledPastTheDeadline_fallsBackWithinIt() throws IOException {
    byte[] json = "{\"uuid\": \"slow\"}".getBytes(StandardCharsets.UTF_8);
    String url =
        startServer(
            exchange -> {
              exchange.sendResponseHeaders(200, json.length);
              try (OutputStream out = exchange.getResponseBody()) {
                // One byte every 400 ms: each read is quick, the whole body takes 6.4 s.
                for (int i = 0; i < json.length && !paused(Duration.ofMillis(400)); i++) {
                  out.write(json[i]);
                  out.flush();
                }
              }
            });

    JsonNode result = callDefault(url);

    assertThat(result.at("/external_data/uuid").asText()).isEqualTo("fallback");
    assertThat(result.get("fallback_reason").asText())
        .isEqualTo("timeout: the response from 127.0.0.1 did not complete within 2000 ms");
    assertThat(result.get("processing_time_ms").asDouble()).isLessThan(3_000);
  }

  @Test
  void default_headersTrickledPastTheDeadline_fallsBackWithinIt() throws IOException {
    byte[] head =
        ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2" + "\r\n\r\n{}")
            .getBytes(StandardCharsets.ISO_8859_1);
    String url =
        startRawServer(
            socket -> {
              OutputStream out = socket.getOutputStream();
              for (int i = 0; i < head.length && !paused(Duration.ofMillis(400)); i++) {
                out.write(head[i]);
                out.flush();
              }
            });

    JsonNode result = callDefault(url);

    assertThat(result.get("fallback_reason").asText())
        .isEqualTo("timeout: no response from 127.0.0.1 within 2000 ms");
    assertThat(result.get("processing_time_ms").asDouble()).isLessThan(3_000);
  }

  @Test
  void default_endlessBody_fallsBackAtTheBoundAndHangsUpWithoutDraining() throws IOException {
    CountDownLatch hungUp = new CountDownLatch(1);
    String url =
        startRawServer(
            socket -> {
              OutputStream out = socket.getOutputStream();
              out.write(
                  ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          + "Transfer-Encoding: chunked\r\n\r\n")
                      .getBytes(StandardCharsets.ISO_8859_1));
              byte[] chunk =
                  ("1000\r\n" + " ".repeat(4096) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
              try {
                // At most 1 GiB: far beyond the bound, and beyond what a drain could read in time.
                for (int i = 0; i < 262_144 && release.getCount() > 0; i++) {
                  out.write(chunk);
                }
              } catch (IOException clientClosed) {
                hungUp.countDown();
              }
            });

    JsonNode result = callDefault(url);

    assertThat(result.get("fallback_reason").asText())
        .isEqualTo("response from 127.0.0.1 exceeds 65536 bytes");
    assertThat(awaitQuietly(hungUp, Duration.ofSeconds(10)))
        .as("the client closed the connection instead of reading the endless body")
        .isTrue();
  }

  @Test
  void default_contentLengthOverTheBound_fallsBackWithoutReadingTheBody() throws IOException {
    CountDownLatch hungUp = new CountDownLatch(1);
    byte[] big = new byte[8 * 1024 * 1024];
    String url =
        startServer(
            exchange -> {
              exchange.sendResponseHeaders(200, big.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(big);
              } catch (IOException clientClosed) {
                hungUp.countDown();
              }
            });

    JsonNode result = callDefault(url);

    assertThat(result.get("fallback_reason").asText())
        .isEqualTo("response from 127.0.0.1 exceeds 65536 bytes");
    assertThat(awaitQuietly(hungUp, Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void default_serverError_fallsBackNamingTheStatus() throws IOException {
    String url = serve(500, "application/json", "{\"error\": \"boom\"}");

    JsonNode result = callDefault(url);

    assertThat(result.at("/external_data/uuid").asText()).isEqualTo("fallback");
    assertThat(result.get("fallback_reason").asText()).isEqualTo("status 500 from 127.0.0.1");
  }

  @Test
  void default_responseNotJson_fallsBackSayingSo() throws IOException {
    String url = serve(200, "text/html", "<html>maintenance</html>");

    JsonNode result = callDefault(url);

    assertThat(result.at("/external_data/uuid").asText()).isEqualTo("fallback");
    assertThat(result.get("fallback_reason").asText())
        .isEqualTo("response from 127.0.0.1 is not JSON");
  }

  @Test
  void default_externalUrlNotHttp_is500NamingTheVariable() {
    APIGatewayProxyResponseEvent response =
        call("ftp://example.com/x", "{\"operation\": \"default\"}");

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(body(response).get("error_type").asText()).isEqualTo("ConfigurationError");
    assertThat(body(response).get("error").asText())
        .isEqualTo("PERFKIT_EXTERNAL_URL must be an absolute http or https URL");
  }
}
