package dev.perfkit.lab.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Lambda function of the lab's stack, as specified: what a template deploys and what the local
 * lab deploys into perfkit-local's Lambda.
 *
 * @param name the function name, prefixed by the username
 * @param handler the handler string, e.g. {@code dev.perfkit.handlers.SqsScaler::handleRequest}
 * @param description a one-line description
 * @param memoryMb memory size, 128 to 10240 MB
 * @param timeoutSeconds timeout, 1 to 900 s
 * @param reservedConcurrency reserved concurrent executions, if any
 * @param environment the function's own environment variables, in a stable order
 * @param alias the alias callers use, if any
 */
public record FunctionSpec(
    String name,
    String handler,
    String description,
    int memoryMb,
    int timeoutSeconds,
    OptionalInt reservedConcurrency,
    Map<String, String> environment,
    Optional<FunctionAlias> alias) {

  /**
   * Validates the function's settings.
   *
   * @param name the function name
   * @param handler the handler string
   * @param description the description
   * @param memoryMb the memory size
   * @param timeoutSeconds the timeout
   * @param reservedConcurrency the reserved concurrency, if any
   * @param environment the environment variables
   * @param alias the alias, if any
   * @throws IllegalArgumentException naming the setting out of its range and the range
   */
  public FunctionSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(reservedConcurrency, "reservedConcurrency");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(alias, "alias");
    if (!handler.matches("[\\w.$]+::\\w+")) {
      throw new IllegalArgumentException(
          "handler '" + handler + "' of " + name + ": expected package.Class::method");
    }
    if (memoryMb < 128 || memoryMb > 10_240) {
      throw new IllegalArgumentException(
          "memoryMb of " + name + " is " + memoryMb + ": allowed 128 to 10240");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 900) {
      throw new IllegalArgumentException(
          "timeoutSeconds of " + name + " is " + timeoutSeconds + ": allowed 1 to 900");
    }
    if (reservedConcurrency.isPresent() && reservedConcurrency.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "reservedConcurrency of "
              + name
              + " is "
              + reservedConcurrency.getAsInt()
              + ": at least 1 (0 would throttle every invocation)");
    }
    environment.forEach(
        (key, value) -> {
          Objects.requireNonNull(value, "environment value of " + key);
          if (!key.matches("[a-zA-Z]\\w*")) {
            throw new IllegalArgumentException(
                "environment variable '"
                    + key
                    + "' of "
                    + name
                    + ": a letter, then letters, digits or _");
          }
        });
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    alias.ifPresent(
        a -> {
          if (a.provisionedConcurrency() > 0
              && reservedConcurrency.isPresent()
              && a.provisionedConcurrency() > reservedConcurrency.getAsInt()) {
            throw new IllegalArgumentException(
                "provisioned concurrency "
                    + a.provisionedConcurrency()
                    + " of "
                    + name
                    + " is above its reserved concurrency "
                    + reservedConcurrency.getAsInt()
                    + ": Lambda allows at most the reserved value");
          }
        });
  }
}
