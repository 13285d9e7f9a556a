package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Provisioned concurrency of an alias: {@code PutProvisionedConcurrencyConfig} (answered at once
 * with {@code IN_PROGRESS}; {@code READY} once the environments initialized, {@code FAILED} if one
 * of them fails to), {@code GetProvisionedConcurrencyConfig}, {@code
 * DeleteProvisionedConcurrencyConfig} and {@code ListProvisionedConcurrencyConfigs}. On a version
 * number instead of an alias it is not supported.
 */
final class ProvisionedConcurrencyRoutes {

  private static final String PROVISIONED = "/2019-09-30/functions/([^/]+)/provisioned-concurrency";

  private final DefaultLocalLambda lambda;
  private final FunctionRegistry functions;

  ProvisionedConcurrencyRoutes(DefaultLocalLambda lambda) {
    this.lambda = lambda;
    this.functions = lambda.functions();
  }

  List<Route> routes() {
    return List.of(
        Route.of("PUT", PROVISIONED, this::put),
        Route.of("GET", PROVISIONED, this::getOrList),
        Route.of("DELETE", PROVISIONED, this::delete));
  }

  private void put(ApiCall call) throws IOException {
    FunctionRef ref = aliasRef(call);
    int count =
        call.json().integer("ProvisionedConcurrentExecutions", 1, functions.account().limit);
    functions.provision(ref.name(), ref.qualifier().orElseThrow(), count);
    ObjectNode body = write(functions.function(ref.name()), ref.qualifier().orElseThrow());
    call.respond(202, body);
  }

  private void getOrList(ApiCall call) throws IOException {
    if (call.query("List").isPresent()) {
      list(call);
      return;
    }
    FunctionRef ref = aliasRef(call);
    call.respond(200, write(functions.function(ref.name()), ref.qualifier().orElseThrow()));
  }

  private void delete(ApiCall call) throws IOException {
    FunctionRef ref = aliasRef(call);
    LambdaFunction function = functions.function(ref.name());
    function.provisionedStatus(ref.qualifier().orElseThrow());
    functions.provision(ref.name(), ref.qualifier().orElseThrow(), 0);
    call.respond(204);
  }

  private void list(ApiCall call) throws IOException {
    String name = FunctionRef.parse(call.pathParameter(1), Optional.empty()).name();
    LambdaFunction function = functions.function(name);
    List<ObjectNode> configs = new ArrayList<>();
    for (String alias : function.provisionedAliases()) {
      ObjectNode config = ApiCall.JSON.createObjectNode();
      config.put("FunctionArn", lambda.host().functionArn(name) + ":" + alias);
      config.setAll(write(function, alias));
      configs.add(config);
    }
    call.respond(
        200, ListPage.of(configs, call, 50, 50).write("ProvisionedConcurrencyConfigs", c -> c));
  }

  private static ObjectNode write(LambdaFunction function, String alias) {
    ProvisionedStatus status = function.provisionedStatus(alias);
    ObjectNode body = ApiCall.JSON.createObjectNode();
    body.put("RequestedProvisionedConcurrentExecutions", status.requested());
    body.put("AvailableProvisionedConcurrentExecutions", status.ready());
    body.put("AllocatedProvisionedConcurrentExecutions", status.ready());
    body.put("Status", status.status());
    status.failure().ifPresent(reason -> body.put("StatusReason", reason));
    body.put("LastModified", FunctionConfigurationJson.lastModified(status.lastModified()));
    return body;
  }

  /** The function and alias of a call's {@code Qualifier}, which must name an alias. */
  private FunctionRef aliasRef(ApiCall call) {
    FunctionRef ref = FunctionRef.parse(call.pathParameter(1), call.query("Qualifier"));
    String qualifier =
        ref.qualifier()
            .orElseThrow(() -> LocalLambdaException.invalidParameter("Qualifier is required"));
    if (qualifier.equals(LambdaFunction.LATEST)) {
      throw LocalLambdaException.invalidParameter(
          "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
    }
    if (qualifier.matches("\\d+")) {
      throw LocalLambdaException.invalidParameter(
          "The local Lambda provisions concurrency on aliases only; unsupported: Qualifier "
              + qualifier
              + " (a version number): create an alias for it");
    }
    functions.function(ref.name()).alias(qualifier);
    return ref;
  }
}
