package dev.perfkit.handlers;

import static dev.perfkit.handlers.LoadTesterFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.LoadTesterFixture.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load tester's targetUrl mode against a JDK HTTP server on loopback. */
class LoadTesterHttpTest {

  static {
    // Read once per JVM by the JDK server: without it each response waits for a delayed ACK.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final String API_KEY = "k3y-that-must-not-leak-9f2c";
  private static final Map<String, Object> TEST_PAYLOAD =
      Map.of("operation", "cpu_intensive", "iterations", 5000);

  /** One request the target saw. */
  record Seen(
      String method, String path, String apiKey, String contentType, String body, String host) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile IntUnaryOperator statusOfCall = call -> 200;
  private HttpServer target;
  private ExecutorService targetThreads;
  private LoadTesterFixture fixture;

  @BeforeEach
  void start() throws IOException {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    targetThreads = Executors.newFixedThreadPool(8);
    target.setExecutor(targetThreads);
    target.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(
                new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("x-api-key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body,
                    exchange.getRequestHeaders().getFirst("Host")));
            int status = statusOfCall.applyAsInt(calls.incrementAndGet());
            if (status == 302) {
              exchange.getResponseHeaders().set("Location", "/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
          }
        });
    target.start();
    fixture =
        new LoadTesterFixture(
            Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "127.0.0.1:" + target.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    fixture.close();
    target.stop(0);
    targetThreads.shutdownNow();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + target.getAddress().getPort() + path;
  }

  private static String body(String url, int concurrency, int total) {
    return json(
        Map.of(
            "concurrentRequests",
            concurrency,
            "totalRequests",
            total,
            "targetUrl",
            url,
            "headers",
            Map.of("x-api-key", API_KEY),
            "testPayload",
            TEST_PAYLOAD));
  }

  @Test
  void handleRequest_targetUrlWithApiKey_postsPayloadWithKeyAndNeverLogsIt() {
    LambdaTestContext context = LambdaTestContext.of("load-tester", Duration.ofMinutes(1));
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    Answer answer;
    try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      answer = fixture.handle(body(url("/prod/performance?stage=1"), 4, 20), context);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(answer.results().get("successful_requests").asLong()).isEqualTo(20);
    assertThat(seen)
        .hasSize(20)
        .allSatisfy(
            request -> {
              assertThat(request.method()).isEqualTo("POST");
              assertThat(request.path()).isEqualTo("/prod/performance");
              assertThat(request.apiKey()).isEqualTo(API_KEY);
              assertThat(request.contentType()).startsWith("application/json");
              assertThat(LoadTesterFixture.answer(200, request.body()).body())
                  .isEqualTo(LoadTesterFixture.MAPPER.valueToTree(TEST_PAYLOAD));
            });
    assertThat(context.logs()).contains("20 requests").doesNotContain(API_KEY);
    assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(API_KEY);
    assertThat(answer.body().toString()).doesNotContain(API_KEY);
  }

  @Test
  void handleRequest_targetUrlAnswers429And503_countsThrottlesAndFailuresWithoutRetrying() {
    statusOfCall = call -> call % 4 == 0 ? 429 : call % 5 == 0 ? 503 : 200;

    JsonNode results = fixture.handle(body(url("/"), 1, 40)).results();

    assertThat(results.get("throttled_requests").asLong()).isEqualTo(10);
    assertThat(results.get("failed_requests").asLong()).isEqualTo(6);
    assertThat(results.get("successful_requests").asLong()).isEqualTo(24);
    assertThat(results.get("errors").get(0).get("error").asText()).isEqualTo("HTTP 503");
    assertThat(seen).hasSize(40);
  }

  @Test
  void handleRequest_targetUrlAnswers4xx_countsFailures() {
    statusOfCall = call -> 403;

    JsonNode results = fixture.handle(body(url("/"), 2, 10)).results();

    assertThat(results.get("failed_requests").asLong()).isEqualTo(10);
    assertThat(results.get("errors").get(0).get("error").asText()).isEqualTo("HTTP 403");
  }

  @Test
  void handleRequest_targetUrlRedirects_countsFailureAndDoesNotFollow() {
    statusOfCall = call -> 302;

    JsonNode results = fixture.handle(body(url("/start"), 1, 3)).results();

    assertThat(results.get("failed_requests").asLong()).isEqualTo(3);
    assertThat(results.get("errors").get(0).get("error").asText())
        .isEqualTo("HTTP 302 (redirects are not followed)");
    assertThat(seen).extracting(Seen::path).containsOnly("/start");
  }

  @Test
  void handleRequest_targetUrlRefusesConnections_countsTransportFailures() throws IOException {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    fixture.close();
    fixture =
        new LoadTesterFixture(Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "127.0.0.1:" + deadPort));

    JsonNode results = fixture.handle(body("http://127.0.0.1:" + deadPort + "/", 2, 4)).results();

    assertThat(results.get("failed_requests").asLong()).isEqualTo(4);
    assertThat(results.get("errors").get(0).get("error").asText()).startsWith("transport error: ");
  }

  @Test
  void handleRequest_hostResolvedOnce_everyRequestConnectsToTheCheckedAddress() {
    AtomicInteger lookups = new AtomicInteger();
    // A rebinding name: 127.0.0.1 when checked, unresolvable after. The HTTP client must not ask.
    HostResolver rebinding =
        host -> {
          if (!host.equals("lab-target.perfkit.test")) {
            return LoadTesterFixture.NO_DNS.resolve(host);
          }
          if (lookups.incrementAndGet() > 1) {
            throw new UnknownHostException(host + " asked again");
          }
          return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
        };
    int port = target.getAddress().getPort();
    fixture.close();
    fixture =
        new LoadTesterFixture(
            Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "lab-target.perfkit.test:" + port), rebinding);

    JsonNode results =
        fixture
            .handle(body("http://lab-target.perfkit.test:" + port + "/prod/performance", 2, 6))
            .results();

    assertThat(results.get("successful_requests").asLong()).as(results.toString()).isEqualTo(6);
    assertThat(lookups).hasValue(1);
    assertThat(seen).extracting(Seen::host).containsOnly("lab-target.perfkit.test:" + port);
  }
}
