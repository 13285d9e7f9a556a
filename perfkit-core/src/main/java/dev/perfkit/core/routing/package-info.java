/**
 * Operation routing: {@link dev.perfkit.core.routing.OperationRouter} sends a request object to a
 * named {@link dev.perfkit.core.routing.Operation} whose parameters are a record bound by Jackson
 * and validated in its constructor (with {@link dev.perfkit.core.routing.IntRange}, an {@code enum}
 * or your own {@link dev.perfkit.core.routing.ParamRule}), and answers bad input with a {@link
 * dev.perfkit.core.routing.ClientErrorException} naming the field and the allowed values. {@link
 * dev.perfkit.core.routing.InvocationMetrics} holds the metric names the router and the API Gateway
 * pipeline record.
 */
package dev.perfkit.core.routing;
