package dev.perfkit.local.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.time.Ticker;
import dev.perfkit.local.lambda.FunctionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Shared helpers of the API stage tests. */
final class StageTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "test-key-0123456789abcdef";
  static final String OTHER_KEY = "other-key-0123456789abcdef";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private StageTestSupport() {}

  /**
   * The code of the test functions, as a deployment package would hold it: the compiled test
   * classes and the libraries they use beyond the runtime's.
   */
  static List<Path> functionCode() {
    return List.of(
        locationOf(EchoProxyHandler.class),
        locationOf(APIGatewayProxyRequestEvent.class),
        locationOf(dependencyOfEvents("org.joda.time.DateTime")),
        locationOf(ObjectMapper.class),
        locationOf(JsonParser.class),
        locationOf(JsonAutoDetect.class));
  }

  static FunctionConfig.Builder function(String name, Class<?> handler) {
    return FunctionConfig.builder(name, handler.getName() + "::handleRequest", functionCode())
        .timeout(Duration.ofSeconds(30));
  }

  static HttpResponse<String> get(URI uri, String... headers) {
    return send(HttpRequest.newBuilder(uri).GET(), headers);
  }

  static HttpResponse<String> post(URI uri, String body, String... headers) {
    return send(
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
  }

  static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return CLIENT.send(
          request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends {@code request}, a whole HTTP/1.1 request that asks to close the connection, over a raw
   * socket (every byte, and the spelling of every header name, as written) and returns the
   * response's body.
   */
  static String rawExchange(URI endpoint, String request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.getPort())) {
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return response.substring(response.indexOf("\r\n\r\n") + 4);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The invocation counter of the echo function's environment, from a response. */
  static int invocation(HttpResponse<String> response) {
    return json(response.body()).get("invocation").asInt();
  }

  private static Class<?> dependencyOfEvents(String className) {
    try {
      return Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("aws-lambda-java-events depends on " + className, e);
    }
  }

  private static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A ticker that moves only when told. */
  static final class ManualTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long read() {
      return nanos.get();
    }

    void advance(Duration duration) {
      nanos.addAndGet(duration.toNanos());
    }
  }

  /** A UTC clock that moves only when told. */
  static final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    ManualClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a manual clock stays in UTC");
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
