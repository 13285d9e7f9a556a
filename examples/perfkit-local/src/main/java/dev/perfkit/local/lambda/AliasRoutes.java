package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The aliases of a function: {@code CreateAlias}, {@code GetAlias}, {@code ListAliases}, {@code
 * UpdateAlias} and {@code DeleteAlias}. Weighted routing between two versions is not supported.
 */
final class AliasRoutes {

  private static final String ALIASES = "/2015-03-31/functions/([^/]+)/aliases";
  private static final String ALIAS = ALIASES + "/([^/]+)";

  private final DefaultLocalLambda lambda;
  private final FunctionRegistry functions;

  AliasRoutes(DefaultLocalLambda lambda) {
    this.lambda = lambda;
    this.functions = lambda.functions();
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", ALIASES, this::create),
        Route.of("GET", ALIASES, this::list),
        Route.of("GET", ALIAS, this::get),
        Route.of("PUT", ALIAS, this::update),
        Route.of("DELETE", ALIAS, this::delete));
  }

  private void create(ApiCall call) throws IOException {
    LambdaFunction function = function(call);
    JsonRequest request = call.json();
    checkNoRouting(request);
    String name = request.text("Name");
    function.createAlias(
        name, request.text("FunctionVersion"), request.optionalText("Description").orElse(""));
    call.respond(201, write(function.alias(name)));
  }

  private void list(ApiCall call) throws IOException {
    Optional<String> version = call.query("FunctionVersion");
    List<AliasSnapshot> aliases =
        function(call).aliases().stream()
            .filter(alias -> version.map(alias.version()::equals).orElse(true))
            .toList();
    call.respond(200, ListPage.of(aliases, call, 50, 10_000).write("Aliases", this::write));
  }

  private void get(ApiCall call) throws IOException {
    call.respond(200, write(function(call).alias(call.pathParameter(2))));
  }

  /**
   * UpdateAlias: another version and/or description; provisioned concurrency on the alias moves to
   * the new version, whose environments start again ({@code IN_PROGRESS} until they are up).
   */
  private void update(ApiCall call) throws IOException {
    LambdaFunction function = function(call);
    String name = call.pathParameter(2);
    JsonRequest request = call.json();
    checkNoRouting(request);
    function.updateAlias(
        name,
        request.optionalText("FunctionVersion"),
        request.optionalText("Description"),
        request.optionalText("RevisionId"));
    call.respond(200, write(function.alias(name)));
  }

  private void delete(ApiCall call) throws IOException {
    LambdaFunction function = function(call);
    String name = call.pathParameter(2);
    function.deleteAlias(name);
    functions.policies().delete(function.name, Optional.of(name));
    call.respond(204);
  }

  private LambdaFunction function(ApiCall call) {
    return functions.function(FunctionRef.parse(call.pathParameter(1), Optional.empty()).name());
  }

  private ObjectNode write(AliasSnapshot alias) {
    ObjectNode body = ApiCall.JSON.createObjectNode();
    body.put("AliasArn", lambda.host().functionArn(alias.function()) + ":" + alias.name());
    body.put("Name", alias.name());
    body.put("FunctionVersion", alias.version());
    body.put("Description", alias.description());
    body.put("RevisionId", alias.revisionId());
    return body;
  }

  private static void checkNoRouting(JsonRequest request) {
    JsonNode routing = request.node("RoutingConfig");
    JsonNode weights = routing == null ? null : routing.get("AdditionalVersionWeights");
    if (weights != null && !weights.isNull() && !weights.isEmpty()) {
      throw LocalLambdaException.invalidParameter(
          "The local Lambda routes an alias to one version; unsupported: RoutingConfig"
              + " AdditionalVersionWeights "
              + weights);
    }
  }
}
