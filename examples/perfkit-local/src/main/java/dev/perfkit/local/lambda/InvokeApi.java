package dev.perfkit.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.local.LoopbackHttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda API on loopback, wire-compatible with the AWS SDKs and the AWS CLI (rest-json:
 * errors carry {@code x-amzn-ErrorType}). Serves Invoke, GetFunction, GetFunctionConfiguration
 * and UpdateFunctionConfiguration (MemorySize, Timeout, Environment, Handler); each further
 * operation is one more route.
 */
final class InvokeApi {

  private static final Pattern INVOKE =
      Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
  private static final Pattern CONFIGURATION =
      Pattern.compile("/2015-03-31/functions/([^/]+)/configuration/?");
  private static final Pattern FUNCTION = Pattern.compile("/2015-03-31/functions/([^/]+)/?");
  private static final Set<String> UPDATABLE =
      Set.of("MemorySize", "Timeout", "Environment", "Handler");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DefaultLocalLambda lambda;
  private final HttpServer server;

  private InvokeApi(DefaultLocalLambda lambda, HttpServer server) {
    this.lambda = lambda;
    this.server = server;
  }

  static InvokeApi start(DefaultLocalLambda lambda, int port, ExecutorService executor)
      throws IOException {
    HttpServer server = LoopbackHttpServer.create(port, 0, executor);
    InvokeApi api = new InvokeApi(lambda, server);
    server.createContext("/", api::handle);
    server.start();
    return api;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      Matcher invoke = INVOKE.matcher(path);
      Matcher configuration = CONFIGURATION.matcher(path);
      Matcher function = FUNCTION.matcher(path);
      try {
        if (invoke.matches() && "POST".equals(method)) {
          invoke(exchange, decode(invoke.group(1)));
        } else if (configuration.matches() && "GET".equals(method)) {
          getConfiguration(exchange, decode(configuration.group(1)));
        } else if (configuration.matches() && "PUT".equals(method)) {
          updateConfiguration(exchange, decode(configuration.group(1)));
        } else if (function.matches() && "GET".equals(method)) {
          getFunction(exchange, decode(function.group(1)));
        } else {
          sendError(
              exchange,
              new LocalLambdaException(
                  404, "UnknownOperationException", "Unknown operation " + method + " " + path, null));
        }
      } catch (LocalLambdaException e) {
        sendError(exchange, e);
      } catch (IllegalArgumentException e) {
        sendError(exchange, LocalLambdaException.invalidParameter(e.getMessage()));
      } catch (RuntimeException e) {
        sendError(exchange, LocalLambdaException.service(String.valueOf(e.getMessage())));
      }
    }
  }

  private void invoke(HttpExchange exchange, String functionName) throws IOException {
    Headers headers = exchange.getRequestHeaders();
    byte[] payload = exchange.getRequestBody().readAllBytes();
    InvokeRequest.Builder request =
        InvokeRequest.builder(functionName)
            .payload(payload)
            .invocationType(
                InvocationType.fromWireName(
                    Optional.ofNullable(headers.getFirst("X-Amz-Invocation-Type"))
                        .orElse(InvocationType.REQUEST_RESPONSE.wireName())))
            .tailLog("Tail".equals(headers.getFirst("X-Amz-Log-Type")));
    query(exchange, "Qualifier").ifPresent(request::qualifier);
    Optional.ofNullable(headers.getFirst("X-Amz-Client-Context")).ifPresent(request::clientContext);
    InvokeResult result = lambda.invoke(request.build());

    Headers response = exchange.getResponseHeaders();
    response.add("x-amzn-RequestId", result.requestId());
    result.executedVersion().ifPresent(version -> response.add("X-Amz-Executed-Version", version));
    result.functionError().ifPresent(error -> response.add("X-Amz-Function-Error", error));
    result.logResult().ifPresent(log -> response.add("X-Amz-Log-Result", log));
    byte[] body = result.payload();
    if (body.length == 0) {
      exchange.sendResponseHeaders(result.statusCode(), -1);
    } else {
      response.add("Content-Type", "application/json");
      exchange.sendResponseHeaders(result.statusCode(), body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private void getConfiguration(HttpExchange exchange, String functionName) throws IOException {
    FunctionRef ref = FunctionRef.parse(functionName, query(exchange, "Qualifier"));
    sendJson(exchange, 200, configuration(ref), UUID.randomUUID().toString(), Map.of());
  }

  /** GetFunction: the configuration (the waiter {@code FunctionUpdatedV2} reads it); no code. */
  private void getFunction(HttpExchange exchange, String functionName) throws IOException {
    FunctionRef ref = FunctionRef.parse(functionName, query(exchange, "Qualifier"));
    ObjectNode body = JSON.createObjectNode();
    body.set("Configuration", configuration(ref));
    sendJson(exchange, 200, body, UUID.randomUUID().toString(), Map.of());
  }

  /**
   * UpdateFunctionConfiguration of {@code $LATEST}: applied at once, answered with {@code
   * LastUpdateStatus: InProgress} as Lambda does; later reads say {@code Successful} once no
   * environment of the earlier configuration runs.
   */
  private void updateConfiguration(HttpExchange exchange, String functionName) throws IOException {
    FunctionRef ref = FunctionRef.parse(functionName, Optional.empty());
    if (ref.qualifier().isPresent()) {
      throw LocalLambdaException.invalidParameter(
          "UpdateFunctionConfiguration changes $LATEST: FunctionName must not carry a qualifier,"
              + " was '" + functionName + "'");
    }
    JsonNode request = readObject(exchange);
    List<String> unsupported = new ArrayList<>();
    request.fieldNames().forEachRemaining(
        field -> {
          if (!UPDATABLE.contains(field)) {
            unsupported.add(field);
          }
        });
    if (!unsupported.isEmpty()) {
      throw LocalLambdaException.invalidParameter(
          "The local Lambda updates " + new TreeSet<>(UPDATABLE) + " only; unsupported: "
              + unsupported);
    }
    FunctionConfig.Builder updated = lambda.functionConfiguration(ref.name()).toBuilder();
    if (request.has("MemorySize")) {
      updated.memoryMb((int) integer(request, "MemorySize", 128, 10_240));
    }
    if (request.has("Timeout")) {
      updated.timeout(Duration.ofSeconds(integer(request, "Timeout", 1, 900)));
    }
    if (request.has("Handler")) {
      JsonNode handler = request.get("Handler");
      if (!handler.isTextual()) {
        throw LocalLambdaException.invalidParameter("Handler must be a string, was " + handler);
      }
      updated.handler(handler.textValue());
    }
    if (request.has("Environment")) {
      updated.environment(variables(request.get("Environment")));
    }
    lambda.updateFunctionConfiguration(updated.build());
    ObjectNode body = configuration(ref);
    body.put("LastUpdateStatus", "InProgress");
    sendJson(exchange, 200, body, UUID.randomUUID().toString(), Map.of());
  }

  /** The FunctionConfiguration shape of a version or alias. */
  private ObjectNode configuration(FunctionRef ref) {
    FunctionConfig config = lambda.functionConfiguration(ref);
    ObjectNode body = JSON.createObjectNode();
    body.put("FunctionName", config.name());
    body.put("FunctionArn", lambda.functionArn(config.name()) + ref.qualifier().map(q -> ":" + q).orElse(""));
    body.put("Runtime", "java" + Runtime.version().feature());
    body.put("Handler", config.handler());
    body.put("MemorySize", config.memoryMb());
    body.put("Timeout", config.timeout().toSeconds());
    ObjectNode variables = body.putObject("Environment").putObject("Variables");
    config.environment().forEach(variables::put);
    String version = lambda.versionOf(ref);
    body.put("Version", version);
    body.put("State", "Active");
    boolean latest = LambdaFunction.LATEST.equals(version);
    body.put("LastUpdateStatus", latest ? lambda.lastUpdateStatus(config.name()) : "Successful");
    body.put("PackageType", "Zip");
    // Environments run on this machine's processor.
    body.putArray("Architectures")
        .add("aarch64".equals(System.getProperty("os.arch")) ? "arm64" : "x86_64");
    return body;
  }

  private static JsonNode readObject(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    try {
      JsonNode request = JSON.readTree(bytes);
      if (request != null && request.isObject()) {
        return request;
      }
    } catch (JsonProcessingException e) {
      throw LocalLambdaException.invalidContent(
          "Could not parse request body into json: " + e.getOriginalMessage());
    }
    throw LocalLambdaException.invalidContent("The request body must be a JSON object");
  }

  private static long integer(JsonNode request, String field, long min, long max) {
    JsonNode value = request.get(field);
    if (!value.isIntegralNumber() || value.longValue() < min || value.longValue() > max) {
      throw LocalLambdaException.invalidParameter(
          field + " must be a whole number from " + min + " to " + max + ", was " + value);
    }
    return value.longValue();
  }

  private static Map<String, String> variables(JsonNode environment) {
    JsonNode variables = environment.isObject() ? environment.get("Variables") : null;
    if (!environment.isObject() || (variables != null && !variables.isObject())) {
      throw LocalLambdaException.invalidParameter(
          "Environment must be {\"Variables\": {\"NAME\": \"value\"}}, was " + environment);
    }
    Map<String, String> result = new LinkedHashMap<>();
    if (variables != null) {
      for (Map.Entry<String, JsonNode> variable : variables.properties()) {
        if (!variable.getValue().isTextual()) {
          throw LocalLambdaException.invalidParameter(
              "Environment variable " + variable.getKey() + " must be a string, was "
                  + variable.getValue());
        }
        result.put(variable.getKey(), variable.getValue().textValue());
      }
    }
    return result;
  }

  private static Optional<String> query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      if (key.equals(name)) {
        return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static void sendError(HttpExchange exchange, LocalLambdaException error)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("Type", error.statusCode() >= 500 ? "Service" : "User");
    // Lambda's shapes differ: ResourceNotFoundException has "Message", the others "message".
    body.put("ResourceNotFoundException".equals(error.errorCode()) ? "Message" : "message",
        error.getMessage());
    error.reason().ifPresent(reason -> body.put("Reason", reason));
    Map<String, String> headers =
        error.statusCode() == 429 ? Map.of("Retry-After", "1") : Map.of();
    exchange.getResponseHeaders().add("x-amzn-ErrorType", error.errorCode());
    sendJson(exchange, error.statusCode(), body, UUID.randomUUID().toString(), headers);
  }

  private static void sendJson(
      HttpExchange exchange, int status, ObjectNode body, String requestId, Map<String, String> headers)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
    headers.forEach(exchange.getResponseHeaders()::add);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
