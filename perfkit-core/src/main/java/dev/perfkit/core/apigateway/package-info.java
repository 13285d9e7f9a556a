/**
 * The API Gateway proxy pipeline: {@link dev.perfkit.core.apigateway.ApiGatewayPipeline} reads a
 * request's query string and body, routes it to an operation of an {@link
 * dev.perfkit.core.routing.OperationRouter}, binds the operation's parameters and runs it, answers
 * with the {@code result}/{@code performance} envelope or an error body, and writes one EMF
 * document per invocation, whose standard metrics one recorder owns.
 */
package dev.perfkit.core.apigateway;
