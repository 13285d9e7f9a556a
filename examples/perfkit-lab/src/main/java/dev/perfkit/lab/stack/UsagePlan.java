package dev.perfkit.lab.stack;

import java.util.Objects;

/**
 * The usage plan that throttles and meters API-key holders.
 *
 * @param name the plan name, prefixed by the username
 * @param apiKeyName the name of the plan's one API key, prefixed by the username
 * @param rateLimit steady requests per second
 * @param burstLimit bucket size: requests allowed at once
 * @param quotaLimit requests allowed per {@code quotaPeriod}
 * @param quotaPeriod the quota's period
 */
public record UsagePlan(
    String name,
    String apiKeyName,
    int rateLimit,
    int burstLimit,
    int quotaLimit,
    QuotaPeriod quotaPeriod) {

  /** Validates the plan. */
  public UsagePlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(apiKeyName, "apiKeyName");
    Objects.requireNonNull(quotaPeriod, "quotaPeriod");
    if (rateLimit < 1 || burstLimit < 1 || quotaLimit < 1) {
      throw new IllegalArgumentException(
          "usage plan " + name + ": rateLimit " + rateLimit + ", burstLimit " + burstLimit
              + " and quotaLimit " + quotaLimit + " must each be at least 1");
    }
  }
}
