/**
 * The API Gateway proxy pipeline: {@link dev.perfkit.core.apigateway.ApiGatewayPipeline} reads a
 * request's query string and body, routes it with an {@link
 * dev.perfkit.core.routing.OperationRouter}, answers with the {@code result}/{@code performance}
 * envelope or an error body, and writes one EMF document per invocation.
 */
package dev.perfkit.core.apigateway;
