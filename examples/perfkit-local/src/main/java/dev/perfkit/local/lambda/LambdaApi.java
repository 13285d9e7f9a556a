package dev.perfkit.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.local.LoopbackHttpServer;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;

/**
 * The Lambda API on loopback, wire-compatible with the AWS SDKs and the AWS CLI (rest-json): the
 * routes of each resource ({@link InvokeRoutes}, {@link FunctionRoutes}, {@link VersionRoutes},
 * {@link AliasRoutes}, {@link ConcurrencyRoutes}, {@link ProvisionedConcurrencyRoutes}, {@link
 * PolicyRoutes}, {@link EventSourceMappingRoutes}); any other call answers 404 {@code
 * UnknownOperationException}.
 */
final class LambdaApi {

  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  /**
   * Connections the kernel queues before they are accepted: 1,000 callers connecting at once (a
   * load test's fan-out) are all accepted; the JDK's default of 50 resets the rest. Linux caps it
   * at {@code net.core.somaxconn}.
   */
  static final int ACCEPT_BACKLOG = 4096;

  private final HttpServer server;
  private final List<Route> routes;

  private LambdaApi(HttpServer server, List<Route> routes) {
    this.server = server;
    this.routes = routes;
  }

  static LambdaApi start(DefaultLocalLambda lambda, int port, ExecutorService executor)
      throws IOException {
    List<Route> routes = new ArrayList<>();
    routes.addAll(new InvokeRoutes(lambda).routes());
    routes.addAll(new FunctionRoutes(lambda).routes());
    routes.addAll(new VersionRoutes(lambda).routes());
    routes.addAll(new AliasRoutes(lambda).routes());
    routes.addAll(new ConcurrencyRoutes(lambda).routes());
    routes.addAll(new ProvisionedConcurrencyRoutes(lambda).routes());
    routes.addAll(new PolicyRoutes(lambda).routes());
    routes.addAll(new EventSourceMappingRoutes(lambda).routes());
    HttpServer server = LoopbackHttpServer.create(port, ACCEPT_BACKLOG, executor);
    LambdaApi api = new LambdaApi(server, List.copyOf(routes));
    server.createContext("/", api::handle);
    server.start();
    return api;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Stops taking connections and requests, and waits up to {@code drain} (whole seconds) for the
   * requests in progress to be answered.
   */
  void stop(Duration drain) {
    server.stop((int) Math.max(0, drain.toSeconds()));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      ApiCall call = null;
      try {
        for (Route route : routes) {
          Matcher matcher = route.path().matcher(path);
          if (route.method().equals(method) && matcher.matches()) {
            call = new ApiCall(exchange, matcher);
            route.handler().handle(call);
            return;
          }
        }
        call = new ApiCall(exchange, null);
        throw LocalLambdaException.unknownOperation("Unknown operation " + method + " " + path);
      } catch (LocalLambdaException e) {
        call.respondError(e);
      } catch (IllegalArgumentException e) {
        call.respondError(LocalLambdaException.invalidParameter(e.getMessage()));
      } catch (RuntimeException e) {
        // The cause stays in the log: a caller learns only that it was ours, and where to look.
        LOG.log(Level.WARNING, "Lambda API request " + call.requestId + " failed", e);
        call.respondError(
            LocalLambdaException.service(
                "The local Lambda failed on this request; its log names request "
                    + call.requestId));
      }
    }
  }
}
