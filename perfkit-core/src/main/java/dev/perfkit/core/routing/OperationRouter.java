package dev.perfkit.core.routing;

import dev.perfkit.core.Preconditions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The named operations a function serves, chosen by a request's {@code operation} field, and the
 * one that serves requests naming none. Immutable and thread-safe; build one per handler and give
 * it to the {@link dev.perfkit.core.apigateway.ApiGatewayPipeline}, which routes each request,
 * binds the operation's parameters from the same request, runs it and records its duration and
 * outcome.
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

  private final List<Operation<?>> operations;
  private final String defaultOperation;

  private OperationRouter(Builder builder) {
    this.operations = List.copyOf(builder.operations.values());
    this.defaultOperation = builder.defaultOperation;
  }

  /**
   * A builder with no operations.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The operations, in the order they were added.
   *
   * @return the operations
   */
  public List<Operation<?>> operations() {
    return operations;
  }

  /**
   * The operation names, in the order they were added.
   *
   * @return the names
   */
  public List<String> operationNames() {
    return operations.stream().map(Operation::name).toList();
  }

  /**
   * The operation of requests without an {@code operation} field.
   *
   * @return its name; empty when such requests are a 400
   */
  public Optional<String> defaultOperation() {
    return Optional.ofNullable(defaultOperation);
  }

  /** Configures an {@link OperationRouter}; an operation name may be added once. */
  public static final class Builder {
    private final Map<String, Operation<?>> operations = new LinkedHashMap<>();
    private String defaultOperation;

    private Builder() {}

    /**
     * Adds {@code operation}.
     *
     * @param operation the operation
     * @return this builder
     * @throws IllegalArgumentException when an operation of that name was already added
     */
    public Builder operation(Operation<?> operation) {
      Objects.requireNonNull(operation, "operation");
      if (operations.putIfAbsent(operation.name(), operation) != null) {
        throw new IllegalArgumentException(
            "operation '" + operation.name() + "' was already added");
      }
      return this;
    }

    /**
     * Adds an operation timed under {@link InvocationMetrics#OPERATION_TIME}.
     *
     * @param name the value of the request's {@code operation} field that selects it
     * @param paramsType the type its parameters are bound to
     * @param handler its code
     * @param <P> the parameter type
     * @return this builder
     * @throws IllegalArgumentException when an operation of that name was already added
     */
    public <P> Builder operation(String name, Class<P> paramsType, OperationHandler<P> handler) {
      return operation(Operation.of(name, paramsType, handler));
    }

    /**
     * The operation of requests without an {@code operation} field; without one they are a 400.
     *
     * @param name an operation added to this builder (before or after this call)
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder defaultOperation(String name) {
      this.defaultOperation = Preconditions.setOnce("defaultOperation", defaultOperation, name);
      return this;
    }

    /**
     * The router.
     *
     * @return the router
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
      return new OperationRouter(this);
    }
  }
}
