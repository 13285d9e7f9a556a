/**
 * Operations and how they are declared: an {@link dev.perfkit.core.routing.OperationRouter} names
 * the {@link dev.perfkit.core.routing.Operation}s a function serves, each with a parameter record
 * bound by Jackson and validated in its constructor (with {@link
 * dev.perfkit.core.routing.IntRange}, an {@code enum} or your own {@link
 * dev.perfkit.core.routing.ParamRule}); an operation reports bad input with a {@link
 * dev.perfkit.core.routing.ClientErrorException} naming the field and the allowed values, and reads
 * its {@link dev.perfkit.core.routing.OperationContext} (metric scope, Lambda context, {@link
 * dev.perfkit.core.routing.Deadline}). {@link dev.perfkit.core.routing.InvocationMetrics} holds the
 * names of the metrics recorded for every invocation. The API Gateway pipeline ({@code
 * dev.perfkit.core.apigateway}) routes, binds, runs and records.
 */
package dev.perfkit.core.routing;
