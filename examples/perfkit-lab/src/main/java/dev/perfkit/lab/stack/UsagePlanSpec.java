package dev.perfkit.lab.stack;

import java.util.Objects;

/**
 * The usage plan that throttles and meters API-key holders, as specified: what a template creates
 * and what the local lab configures on perfkit-local's API stage.
 *
 * @param name the plan name, prefixed by the username
 * @param apiKeyName the name of the plan's one API key, prefixed by the username
 * @param rateLimit steady requests per second
 * @param burstLimit bucket size: requests allowed at once
 * @param quotaLimit requests allowed per {@code quotaPeriod}
 * @param quotaPeriod the quota's period
 */
public record UsagePlanSpec(
    String name,
    String apiKeyName,
    int rateLimit,
    int burstLimit,
    int quotaLimit,
    QuotaPeriod quotaPeriod) {

  /**
   * Validates the plan.
   *
   * @param name the plan name
   * @param apiKeyName the API key's name
   * @param rateLimit requests per second
   * @param burstLimit requests at once
   * @param quotaLimit requests per period
   * @param quotaPeriod the quota's period
   * @throws IllegalArgumentException when a limit is below 1
   */
  public UsagePlanSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(apiKeyName, "apiKeyName");
    Objects.requireNonNull(quotaPeriod, "quotaPeriod");
    if (rateLimit < 1 || burstLimit < 1 || quotaLimit < 1) {
      throw new IllegalArgumentException(
          "usage plan "
              + name
              + ": rateLimit "
              + rateLimit
              + ", burstLimit "
              + burstLimit
              + " and quotaLimit "
              + quotaLimit
              + " must each be at least 1");
    }
  }
}
