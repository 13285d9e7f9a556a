package dev.perfkit.local.apigateway;

import dev.perfkit.core.Preconditions;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A usage plan of the stage: the API keys it admits on key-required methods, each throttled by its
 * own token bucket and counted against its own quota. Requests to methods that require no key are
 * not identified by a key, so the plan does not apply to them (as on API Gateway).
 *
 * @param name the plan's name
 * @param throttle the token bucket of each key
 * @param quota the quota of each key, if any
 * @param apiKeys the keys, name to value; values are 20 to 128 characters and distinct
 */
public record UsagePlan(
    String name, Throttle throttle, Optional<Quota> quota, Map<String, String> apiKeys) {

  /**
   * Validates the keys and copies them (in order).
   *
   * @param name the plan's name, not blank
   * @param throttle the token bucket of each key
   * @param quota the quota of each key, if any
   * @param apiKeys the keys, name to value; names not blank, values 20 to 128 characters and
   *     distinct
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming the blank name or the bad key
   */
  public UsagePlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(throttle, "throttle");
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(apiKeys, "apiKeys");
    if (name.isBlank()) {
      throw new IllegalArgumentException("usage plan name must not be blank");
    }
    Set<String> values = new HashSet<>();
    apiKeys.forEach(
        (keyName, value) -> {
          if (keyName == null || keyName.isBlank()) {
            throw new IllegalArgumentException("API key names must not be blank");
          }
          if (value == null || value.length() < 20 || value.length() > 128) {
            throw new IllegalArgumentException(
                "API key '"
                    + keyName
                    + "' must have a value of 20 to 128 characters, was "
                    + (value == null ? "null" : value.length() + " characters"));
          }
          if (!values.add(value)) {
            throw new IllegalArgumentException(
                "API key '" + keyName + "' has the value of another key; values must be distinct");
          }
        });
    apiKeys = Collections.unmodifiableMap(new LinkedHashMap<>(apiKeys));
  }

  /**
   * A builder for a plan called {@code name}: the lab's throttle (500/s, burst 1000), no quota.
   *
   * @param name the plan's name, not blank
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link UsagePlan}. */
  public static final class Builder {
    private final String name;
    private Throttle throttle;
    private Quota quota;
    private final Map<String, String> apiKeys = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the token bucket of each key.
     *
     * @param throttle default: the lab's usage plan's
     * @return this builder
     */
    public Builder throttle(Throttle throttle) {
      this.throttle = Preconditions.setOnce("throttle", this.throttle, throttle);
      return this;
    }

    /**
     * Sets the quota of each key.
     *
     * @param quota default none
     * @return this builder
     */
    public Builder quota(Quota quota) {
      this.quota = Preconditions.setOnce("quota", this.quota, quota);
      return this;
    }

    /**
     * Adds an API key.
     *
     * @param name the key's name, not blank and not already in the plan
     * @param value what clients send in {@code x-api-key}: 20 to 128 characters, distinct from the
     *     other keys' values
     * @return this builder
     * @throws IllegalArgumentException if the plan already has a key called {@code name}
     */
    public Builder apiKey(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (apiKeys.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("API key '" + name + "' is already in the plan");
      }
      return this;
    }

    /**
     * The plan.
     *
     * @return the plan
     * @throws IllegalArgumentException naming a blank name or a bad key
     */
    public UsagePlan build() {
      return new UsagePlan(
          name,
          throttle == null ? Throttle.LAB_USAGE_PLAN : throttle,
          Optional.ofNullable(quota),
          apiKeys);
    }
  }
}
