package dev.perfkit.core.routing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.metrics.MetricUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Routes a request object to a named operation by its {@code operation} field, binds the
 * operation's parameters from the same object, runs it and records its duration and outcome.
 * Immutable and thread-safe; build one per handler.
 *
 * <pre>{@code
 * OperationRouter router = OperationRouter.builder()
 *     .operation("cpu_intensive", CpuParams.class, (params, context) -> compute(params.iterations()))
 *     .operation(Operation.of("default", NoParams.class, (params, context) -> ping()))
 *     .defaultOperation("default")
 *     .build();
 * }</pre>
 *
 * <p>Bad input is a {@link ClientErrorException} (400) naming the field: an unknown operation (with
 * the known ones), a value of the wrong type or out of range (with the allowed values). Fields an
 * operation does not declare are ignored.
 */
public final class OperationRouter {

  /** The request field that names the operation. */
  public static final String OPERATION_FIELD = "operation";

  private final Map<String, Route<?>> routes;
  private final String defaultOperation;
  private final ObjectMapper mapper;
  private final LongSupplier nanoTicker;

  private OperationRouter(Builder builder, ObjectMapper mapper) {
    this.mapper = mapper;
    Map<String, Route<?>> byName = new LinkedHashMap<>();
    builder.operations.forEach((name, operation) -> byName.put(name, Route.of(operation, mapper)));
    this.routes = byName;
    this.defaultOperation = builder.defaultOperation;
    this.nanoTicker = builder.nanoTicker == null ? System::nanoTime : builder.nanoTicker;
  }

  /** A builder with no operations. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The mapper that binds parameters. It is configured once; callers that read or write JSON around
   * the router (the API Gateway pipeline) share it and must not reconfigure it.
   */
  public ObjectMapper objectMapper() {
    return mapper;
  }

  /** The operation names, in the order they were added. */
  public List<String> operationNames() {
    return List.copyOf(routes.keySet());
  }

  /** The operation used when a request has no {@code operation} field. */
  public Optional<String> defaultOperation() {
    return Optional.ofNullable(defaultOperation);
  }

  /**
   * The operation {@code request} routes to, or empty when it names none the router knows (or names
   * none and there is no default).
   */
  public Optional<String> operationOf(ObjectNode request) {
    Objects.requireNonNull(request, "request");
    JsonNode name = request.get(OPERATION_FIELD);
    if (name == null || name.isNull()) {
      return Optional.ofNullable(defaultOperation);
    }
    return name.isTextual() && routes.containsKey(name.asText())
        ? Optional.of(name.asText())
        : Optional.empty();
  }

  /**
   * Runs the operation {@code request} names, with parameters bound from {@code request}, and
   * returns its result. Records into {@code context.metrics()} the operation's duration (when an
   * operation was found) and either {@link InvocationMetrics#SUCCESSFUL_INVOCATIONS} or {@link
   * InvocationMetrics#ERRORS} with the error type.
   *
   * @throws ClientErrorException for an unknown operation or invalid parameters
   * @throws Exception whatever the operation throws
   */
  public Object route(ObjectNode request, OperationContext context) throws Exception {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    Route<?> route;
    try {
      route = resolve(request);
    } catch (ClientErrorException e) {
      InvocationMetrics.recordError(context.metrics(), e.errorType());
      throw e;
    }
    long start = nanoTicker.getAsLong();
    try {
      Object result = route.run(request, context);
      recordTime(route, context, start);
      InvocationMetrics.recordSuccess(context.metrics());
      return result;
    } catch (Exception e) {
      recordTime(route, context, start);
      InvocationMetrics.recordError(context.metrics(), errorTypeOf(e));
      throw e;
    }
  }

  /**
   * The error type recorded for {@code failure}: {@link OperationException#errorType()}, else the
   * exception's simple class name.
   */
  public static String errorTypeOf(Throwable failure) {
    Objects.requireNonNull(failure, "failure");
    if (failure instanceof OperationException operationFailure) {
      return operationFailure.errorType();
    }
    String simpleName = failure.getClass().getSimpleName();
    return simpleName.isEmpty() ? failure.getClass().getName() : simpleName;
  }

  private void recordTime(Route<?> route, OperationContext context, long start) {
    double millis = (nanoTicker.getAsLong() - start) / 1_000_000.0;
    context.metrics().put(route.operation.timeMetric(), millis, MetricUnit.MILLISECONDS);
  }

  private Route<?> resolve(ObjectNode request) {
    JsonNode name = request.get(OPERATION_FIELD);
    if (name == null || name.isNull()) {
      if (defaultOperation == null) {
        throw new ClientErrorException(
            400,
            ClientErrorException.UNKNOWN_OPERATION,
            OPERATION_FIELD,
            "Missing value for 'operation': expected one of " + routes.keySet());
      }
      return routes.get(defaultOperation);
    }
    Route<?> route = name.isTextual() ? routes.get(name.asText()) : null;
    if (route == null) {
      throw new ClientErrorException(
          400,
          ClientErrorException.UNKNOWN_OPERATION,
          OPERATION_FIELD,
          "Unknown operation "
              + ClientErrorException.show(name.isTextual() ? name.asText() : name.toString())
              + "; known operations: "
              + routes.keySet());
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
      return new Route<>(operation, new ParamsBinder<>(operation.paramsType(), mapper));
    }

    Object run(ObjectNode request, OperationContext context) throws Exception {
      return operation.handler().handle(binder.bind(request), context);
    }
  }

  /** Configures an {@link OperationRouter}; an operation name may be added once. */
  public static final class Builder {
    private final Map<String, Operation<?>> operations = new LinkedHashMap<>();
    private String defaultOperation;
    private ObjectMapper mapper;
    private LongSupplier nanoTicker;

    private Builder() {}

    /** Adds {@code operation}. */
    public Builder operation(Operation<?> operation) {
      Objects.requireNonNull(operation, "operation");
      if (operations.putIfAbsent(operation.name(), operation) != null) {
        throw new IllegalArgumentException(
            "operation '" + operation.name() + "' was already added");
      }
      return this;
    }

    /** Adds an operation timed under {@link InvocationMetrics#OPERATION_TIME}. */
    public <P> Builder operation(String name, Class<P> paramsType, OperationHandler<P> handler) {
      return operation(Operation.of(name, paramsType, handler));
    }

    /** The operation of requests without an {@code operation} field; without one they are a 400. */
    public Builder defaultOperation(String name) {
      Objects.requireNonNull(name, "name");
      if (defaultOperation != null) {
        throw new IllegalStateException("defaultOperation was already set to " + defaultOperation);
      }
      defaultOperation = name;
      return this;
    }

    /**
     * The mapper that binds parameters (and that the pipeline reads and writes JSON with); a {@link
     * #defaultObjectMapper()} by default. Unknown fields are ignored and floats are not truncated
     * to integers whatever its settings.
     */
    public Builder objectMapper(ObjectMapper mapper) {
      Objects.requireNonNull(mapper, "mapper");
      if (this.mapper != null) {
        throw new IllegalStateException("objectMapper was already set");
      }
      this.mapper = mapper;
      return this;
    }

    /** The ticker that times operations, in nanoseconds; {@code System::nanoTime} by default. */
    public Builder nanoTicker(LongSupplier nanoTicker) {
      Objects.requireNonNull(nanoTicker, "nanoTicker");
      if (this.nanoTicker != null) {
        throw new IllegalStateException("nanoTicker was already set");
      }
      this.nanoTicker = nanoTicker;
      return this;
    }

    /**
     * The router.
     *
     * @throws IllegalStateException without operations, or when the default operation is not one
     */
    public OperationRouter build() {
      if (operations.isEmpty()) {
        throw new IllegalStateException("add at least one operation before build()");
      }
      if (defaultOperation != null && !operations.containsKey(defaultOperation)) {
        throw new IllegalStateException(
            "defaultOperation '"
                + defaultOperation
                + "' is not an operation; operations: "
                + operations.keySet());
      }
      return new OperationRouter(this, mapper == null ? defaultObjectMapper() : mapper);
    }
  }

  /**
   * A new mapper as the router uses by default: Jackson's defaults, unknown properties ignored,
   * floats never truncated to integers.
   */
  public static ObjectMapper defaultObjectMapper() {
    return JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .build();
  }
}
