package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reserved concurrency and the account's: {@code PutFunctionConcurrency}, {@code
 * GetFunctionConcurrency}, {@code DeleteFunctionConcurrency} and {@code GetAccountSettings}.
 */
final class ConcurrencyRoutes {

  /** Lambda's quotas (Lambda quotas page): 75 GB of code, 250 MB unzipped, 50 MB zipped. */
  private static final long TOTAL_CODE_SIZE = 75L * 1024 * 1024 * 1024;

  private final FunctionRegistry functions;

  ConcurrencyRoutes(DefaultLocalLambda lambda) {
    this.functions = lambda.functions();
  }

  List<Route> routes() {
    return List.of(
        Route.of("PUT", "/2017-10-31/functions/([^/]+)/concurrency", this::put),
        Route.of("DELETE", "/2017-10-31/functions/([^/]+)/concurrency", this::delete),
        Route.of("GET", "/2019-09-30/functions/([^/]+)/concurrency", this::get),
        Route.of("GET", "/2016-08-19/account-settings", this::accountSettings));
  }

  /**
   * PutFunctionConcurrency: reserves for the whole function, as long as the account keeps its
   * minimum unreserved ({@code InvalidParameterValueException} otherwise); environments are kept.
   */
  private void put(ApiCall call) throws IOException {
    String name = name(call);
    int reserved =
        call.json().integer("ReservedConcurrentExecutions", 0, functions.account().limit);
    functions.reserve(name, OptionalInt.of(reserved));
    ObjectNode body = ApiCall.JSON.createObjectNode();
    body.put("ReservedConcurrentExecutions", reserved);
    call.respond(200, body);
  }

  private void delete(ApiCall call) throws IOException {
    functions.reserve(name(call), OptionalInt.empty());
    call.respond(204);
  }

  private void get(ApiCall call) throws IOException {
    ObjectNode body = ApiCall.JSON.createObjectNode();
    functions
        .function(name(call))
        .reservedConcurrency()
        .ifPresent(reserved -> body.put("ReservedConcurrentExecutions", reserved));
    call.respond(200, body);
  }

  /** GetAccountSettings: the local account limit and what reservations leave of it. */
  private void accountSettings(ApiCall call) throws IOException {
    AccountConcurrency account = functions.account();
    List<LambdaFunction> all = functions.functions();
    ObjectNode body = ApiCall.JSON.createObjectNode();
    ObjectNode limit = body.putObject("AccountLimit");
    limit.put("TotalCodeSize", TOTAL_CODE_SIZE);
    limit.put("CodeSizeUnzipped", CodeStore.MAX_UNZIPPED);
    limit.put("CodeSizeZipped", CodeStore.MAX_ZIPPED);
    limit.put("ConcurrentExecutions", account.limit);
    limit.put("UnreservedConcurrentExecutions", account.unreserved(all));
    ObjectNode usage = body.putObject("AccountUsage");
    usage.put("TotalCodeSize", functions.totalCodeSize());
    usage.put("FunctionCount", all.size());
    call.respond(200, body);
  }

  private static String name(ApiCall call) {
    return FunctionRef.parse(call.pathParameter(1), Optional.empty()).name();
  }
}
