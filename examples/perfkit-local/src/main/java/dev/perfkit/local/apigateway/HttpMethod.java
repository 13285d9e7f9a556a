package dev.perfkit.local.apigateway;

import java.util.Optional;

/** The methods of the stage's {@code /performance} resource. */
public enum HttpMethod {
  /** {@code GET /performance}: cached by default when the stage has a cache. */
  GET,
  /** {@code POST /performance}. */
  POST;

  static Optional<HttpMethod> of(String name) {
    for (HttpMethod method : values()) {
      if (method.name().equals(name)) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }
}
