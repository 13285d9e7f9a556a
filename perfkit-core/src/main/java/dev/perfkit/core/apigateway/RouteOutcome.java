package dev.perfkit.core.apigateway;

import dev.perfkit.core.routing.Operation;

/**
 * What routing one request came to: the operation it named, if the router has it, and the
 * operation's result or the failure that stopped it (an unknown operation, invalid parameters,
 * whatever the handler threw). Routing records nothing; the {@link InvocationRecorder} does.
 *
 * @param operation the operation routed to; null when the request named none the router has
 * @param result what the handler returned; null when it failed
 * @param failure why there is no result; null on success
 */
record RouteOutcome(Operation<?> operation, Object result, Exception failure) {

  static RouteOutcome unresolved(Exception failure) {
    return new RouteOutcome(null, null, failure);
  }

  static RouteOutcome succeeded(Operation<?> operation, Object result) {
    return new RouteOutcome(operation, result, null);
  }

  static RouteOutcome failed(Operation<?> operation, Exception failure) {
    return new RouteOutcome(operation, null, failure);
  }

  boolean succeeded() {
    return failure == null;
  }
}
