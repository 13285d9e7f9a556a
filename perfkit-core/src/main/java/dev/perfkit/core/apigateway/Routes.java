package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.routing.ClientErrorException;
import dev.perfkit.core.routing.Operation;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.routing.OperationRouter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The routing engine: finds the operation a request names (or the router's default), binds its
 * parameters from the same request and runs it, answering with a {@link RouteOutcome}. Each request
 * is resolved once; nothing is recorded here.
 */
final class Routes {

  private final Map<String, Route<?>> routes;
  private final List<String> names;
  private final String defaultOperation;

  Routes(OperationRouter router, ObjectMapper mapper) {
    Map<String, Route<?>> byName = new LinkedHashMap<>();
    for (Operation<?> operation : router.operations()) {
      byName.put(operation.name(), Route.of(operation, mapper));
    }
    this.routes = byName;
    this.names = router.operationNames();
    this.defaultOperation = router.defaultOperation().orElse(null);
  }

  /**
   * Runs the operation {@code request} names, with parameters bound from {@code request}. Never
   * throws for what the request or the operation did: that is the outcome's failure.
   */
  RouteOutcome route(ObjectNode request, OperationContext context) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    Route<?> route;
    try {
      route = resolve(request.get(OperationRouter.OPERATION_FIELD));
    } catch (ClientErrorException e) {
      return RouteOutcome.unresolved(e);
    }
    try {
      return RouteOutcome.succeeded(route.operation, route.run(request, context));
    } catch (Exception e) {
      return RouteOutcome.failed(route.operation, e);
    }
  }

  private Route<?> resolve(JsonNode name) {
    if (name == null || name.isNull()) {
      if (defaultOperation == null) {
        throw ClientErrorException.missingOperation(names);
      }
      return routes.get(defaultOperation);
    }
    Route<?> route = name.isTextual() ? routes.get(name.asText()) : null;
    if (route == null) {
      throw ClientErrorException.unknownOperation(
          name.isTextual() ? name.asText() : name.toString(), names);
    }
    return route;
  }

  /** An operation with its binder, so that the parameter type is captured once. */
  private static final class Route<P> {
    final Operation<P> operation;
    final ParamsBinder<P> binder;

    private Route(Operation<P> operation, ParamsBinder<P> binder) {
      this.operation = operation;
      this.binder = binder;
    }

    static <P> Route<P> of(Operation<P> operation, ObjectMapper mapper) {
      return new Route<>(
          operation, new ParamsBinder<>(operation.name(), operation.paramsType(), mapper));
    }

    Object run(ObjectNode request, OperationContext context) throws Exception {
      return operation.handler().handle(binder.bind(request), context);
    }
  }
}
