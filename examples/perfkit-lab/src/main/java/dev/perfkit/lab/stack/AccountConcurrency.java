package dev.perfkit.lab.stack;

/**
 * The account's concurrency as it bears on reserved concurrency: Lambda lets functions reserve only
 * as much as leaves {@link #UNRESERVED_MINIMUM} executions unreserved in the region.
 *
 * @param limit the account's concurrent executions in the region (1000 by default; new accounts may
 *     have less)
 * @param reservedElsewhere concurrency already reserved by other functions of the account, e.g.
 *     other users' stacks in a shared lab account
 */
public record AccountConcurrency(int limit, int reservedElsewhere) {

  /** Executions Lambda keeps unreserved in every account and region. */
  public static final int UNRESERVED_MINIMUM = 100;

  /** A default account with nothing reserved yet. */
  public static final AccountConcurrency DEFAULT = new AccountConcurrency(1000, 0);

  /** Validates the figures. */
  public AccountConcurrency {
    if (limit < 1) {
      throw new IllegalArgumentException("account concurrency limit is " + limit + ": at least 1");
    }
    if (reservedElsewhere < 0) {
      throw new IllegalArgumentException(
          "reservedElsewhere is " + reservedElsewhere + ": at least 0");
    }
  }

  /** The most this stack may reserve: the limit less what is reserved elsewhere and 100. */
  public int reservable() {
    return limit - reservedElsewhere - UNRESERVED_MINIMUM;
  }
}
