package dev.perfkit.handlers.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on 127.0.0.1 and a
 * random port, answering as Lambda does: the function's payload with 200, {@code
 * X-Amz-Function-Error} when it failed, 429 {@code TooManyRequestsException} when throttled, 404
 * {@code ResourceNotFoundException} for a function it does not know. What each function does is
 * plugged in per name ({@link #register}); the name is taken from a plain name, {@code
 * name:qualifier} or an ARN, as Lambda does. Point the SDK at it with {@code
 * AWS_ENDPOINT_URL_LAMBDA=}{@link #endpoint()}.
 */
public final class InvokeApiServer implements AutoCloseable {

  static {
    // Without TCP_NODELAY the JDK server's header and body writes meet the client's delayed ACK.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final String PATH_PREFIX = "/2015-03-31/functions/";
  private static final String PATH_SUFFIX = "/invocations";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .defaultPropertyInclusion(
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
          .build();

  /**
   * One invoke as the server received it.
   *
   * @param functionName the function's name (no qualifier, no ARN)
   * @param qualifier the version or alias, or null
   * @param invocationType the {@code X-Amz-Invocation-Type} header, {@code RequestResponse} when
   *     absent
   * @param payload the request payload
   */
  public record Invocation(
      String functionName, String qualifier, String invocationType, String payload) {}

  /**
   * What the server answers.
   *
   * @param status HTTP status
   * @param headers response headers
   * @param body response body
   */
  public record InvokeResult(int status, Map<String, String> headers, String body) {

    /** A successful invoke returning {@code payload}. */
    public static InvokeResult ok(String payload) {
      return new InvokeResult(200, Map.of("X-Amz-Executed-Version", "$LATEST"), payload);
    }

    /** A function error: 200 with {@code X-Amz-Function-Error: Unhandled} and the error JSON. */
    public static InvokeResult functionError(String errorType, String errorMessage) {
      String body =
          json(
              Map.of(
                  "errorType", errorType, "errorMessage", errorMessage, "stackTrace", List.of()));
      return new InvokeResult(
          200,
          Map.of("X-Amz-Executed-Version", "$LATEST", "X-Amz-Function-Error", "Unhandled"),
          body);
    }

    /** Throttled: 429 TooManyRequestsException, as Lambda answers over reserved concurrency. */
    public static InvokeResult throttled() {
      String body =
          json(
              Map.of(
                  "Reason",
                  "ReservedFunctionConcurrentInvocationLimitExceeded",
                  "Type",
                  "User",
                  "message",
                  "Rate Exceeded."));
      return new InvokeResult(
          429, Map.of("x-amzn-ErrorType", "TooManyRequestsException", "Retry-After", "1"), body);
    }

    static InvokeResult notFound(String function) {
      String body =
          json(
              Map.of(
                  "Type",
                  "User",
                  "message",
                  "Function not found: " + LambdaTestContext.ARN_PREFIX + function));
      return new InvokeResult(404, Map.of("x-amzn-ErrorType", "ResourceNotFoundException"), body);
    }
  }

  /** What a registered function does with one invocation. */
  @FunctionalInterface
  public interface LambdaFunction {

    /** Answers {@code invocation}; an exception becomes an Unhandled function error. */
    InvokeResult invoke(Invocation invocation) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, LambdaFunction> functions = new ConcurrentHashMap<>();
  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();

  private InvokeApiServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Unbounded: a function may invoke another one (or itself) through this server.
    executor = Executors.newCachedThreadPool(DaemonThreadFactory.named("invoke-api"));
    server.setExecutor(executor);
    server.createContext(PATH_PREFIX, this::handle);
    server.start();
  }

  /** Starts a server with no functions. */
  public static InvokeApiServer start() {
    return new InvokeApiServer();
  }

  /** Makes {@code name} answer with {@code function}, replacing what it did before. */
  public InvokeApiServer register(String name, LambdaFunction function) {
    functions.put(name, function);
    return this;
  }

  /** The base URL to give the SDK as its Lambda endpoint. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The invocations of {@code functionName} so far, in arrival order. */
  public List<Invocation> invocations(String functionName) {
    return invocations.stream().filter(i -> i.functionName().equals(functionName)).toList();
  }

  /**
   * A function that runs an API Gateway proxy handler as the Lambda runtime would: the payload is
   * deserialised into the event, the response serialised back.
   */
  public static LambdaFunction apiGateway(
      RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
      Function<Invocation, Context> contexts) {
    return invocation -> {
      APIGatewayProxyRequestEvent event =
          MAPPER.readValue(invocation.payload(), APIGatewayProxyRequestEvent.class);
      APIGatewayProxyResponseEvent response =
          handler.handleRequest(event, contexts.apply(invocation));
      return InvokeResult.ok(MAPPER.writeValueAsString(response));
    };
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith(PATH_SUFFIX)) {
        send(
            exchange,
            new InvokeResult(
                404,
                Map.of("x-amzn-ErrorType", "UnknownOperation"),
                "{\"message\":\"Unknown operation\"}"));
        return;
      }
      String target = path.substring(PATH_PREFIX.length(), path.length() - PATH_SUFFIX.length());
      String[] nameAndQualifier = nameAndQualifier(target);
      String query = exchange.getRequestURI().getQuery();
      String qualifier =
          query != null && query.startsWith("Qualifier=")
              ? query.substring("Qualifier=".length())
              : nameAndQualifier[1];
      String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
      String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Invocation invocation =
          new Invocation(
              nameAndQualifier[0], qualifier, type == null ? "RequestResponse" : type, payload);
      invocations.add(invocation);
      LambdaFunction function = functions.get(invocation.functionName());
      send(
          exchange,
          function == null
              ? InvokeResult.notFound(invocation.functionName())
              : run(function, invocation));
    }
  }

  private static InvokeResult run(LambdaFunction function, Invocation invocation) {
    try {
      return function.invoke(invocation);
    } catch (Exception e) {
      return InvokeResult.functionError(
          e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
    }
  }

  /** Name and qualifier (or null) of a name, {@code name:qualifier}, or a partial or full ARN. */
  static String[] nameAndQualifier(String target) {
    String[] parts = target.split(":");
    int name = 0;
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equals("function")) {
        name = i + 1;
        break;
      }
    }
    return new String[] {parts[name], name + 1 < parts.length ? parts[name + 1] : null};
  }

  private static void send(HttpExchange exchange, InvokeResult result) throws IOException {
    byte[] body = result.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    result.headers().forEach(exchange.getResponseHeaders()::set);
    exchange.sendResponseHeaders(result.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
