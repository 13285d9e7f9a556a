package dev.perfkit.local.lambda;

import java.time.Instant;
import java.util.Optional;

/**
 * The provisioned concurrency of an alias as {@code GetProvisionedConcurrencyConfig} reports it.
 * The environments start at once; the status is {@code IN_PROGRESS} until all of them have
 * initialized, then {@code READY}, or {@code FAILED} as soon as one of them fails to initialize.
 *
 * @param requested environments asked for
 * @param ready environments initialized and running, both allocated and available
 * @param failure why provisioning failed, if it did
 * @param lastModified when the configuration last changed
 */
record ProvisionedStatus(int requested, int ready, Optional<String> failure, Instant lastModified) {

  String status() {
    if (failure.isPresent()) {
      return "FAILED";
    }
    return ready >= requested ? "READY" : "IN_PROGRESS";
  }
}
