package dev.perfkit.local.cloudwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request a REST API stage answered, as its metrics see it.
 *
 * @param apiName the API's name
 * @param stage the stage's name
 * @param at when the request arrived
 * @param status the HTTP status answered
 * @param latency from receiving the request to answering it
 * @param integrationLatency from calling the integration to its answer; empty when the request
 *     never reached it (a cache hit, a refusal)
 * @param cache the stage cache's part in it
 */
public record ApiRequest(
    String apiName,
    String stage,
    Instant at,
    int status,
    Duration latency,
    Optional<Duration> integrationLatency,
    Cache cache) {

  /** The stage cache's part in a request. */
  public enum Cache {
    /** The method is not cached (or the stage has no cache). */
    NOT_CACHED,
    /** Answered from the cache. */
    HIT,
    /** Looked up in the cache, not found, sent to the integration. */
    MISS
  }

  /**
   * Checks for nulls, blank names and an HTTP status out of range.
   *
   * @param apiName the API's name
   * @param stage the stage's name
   * @param at when the request arrived
   * @param status the HTTP status answered
   * @param latency from receiving the request to answering it
   * @param integrationLatency the integration's part, when the request reached it
   * @param cache the stage cache's part in it
   */
  public ApiRequest {
    Publisher.required("apiName", apiName);
    Publisher.required("stage", stage);
    Objects.requireNonNull(at, "at");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status, 100 to 599: " + status);
    }
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(integrationLatency, "integrationLatency");
    Objects.requireNonNull(cache, "cache");
  }
}
