package dev.perfkit.local.apigateway;

import java.util.Optional;

/** The methods of the stage's {@code /performance} resource. */
public enum HttpMethod {
  GET,
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
