package dev.perfkit.core.clients;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ClientRegistry#prime(java.net.URI)} did.
 *
 * @param httpStatus the status code of the warm-up GET
 * @param warmedClients class names of the SDK clients whose request path was exercised, in the
 *     order they were warmed; a client whose service ships no SDK warm-up is not listed
 */
public record PrimeResult(int httpStatus, List<String> warmedClients) {

  /**
   * Copies {@code warmedClients}.
   *
   * @param httpStatus the status code of the warm-up GET
   * @param warmedClients class names of the SDK clients warmed, in order; not null
   */
  public PrimeResult {
    warmedClients = List.copyOf(Objects.requireNonNull(warmedClients, "warmedClients"));
  }
}
