package dev.perfkit.core.coldstart;

import java.time.Duration;
import java.util.Objects;

/**
 * How one invocation started.
 *
 * @param kind the kind of start
 * @param initDuration for {@link StartKind#COLD}, the time from JVM start to this invocation; zero
 *     for every other kind (under provisioned concurrency and SnapStart the init did not delay this
 *     caller, and a restored JVM's start time is that of the snapshot)
 * @param initializationType {@code AWS_LAMBDA_INITIALIZATION_TYPE} of the environment, e.g. {@code
 *     on-demand}, {@code provisioned-concurrency} or {@code snap-start}
 */
public record InvocationStart(StartKind kind, Duration initDuration, String initializationType) {

  /**
   * Rejects nulls, and an init duration that is negative or, for a kind other than cold, not zero.
   *
   * @param kind the kind of start
   * @param initDuration the time from JVM start to a cold invocation; zero for other kinds
   * @param initializationType {@code AWS_LAMBDA_INITIALIZATION_TYPE} of the environment
   */
  public InvocationStart {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(initDuration, "initDuration");
    Objects.requireNonNull(initializationType, "initializationType");
    if (initDuration.isNegative()) {
      throw new IllegalArgumentException("initDuration must not be negative: " + initDuration);
    }
    if (kind != StartKind.COLD && !initDuration.isZero()) {
      throw new IllegalArgumentException(
          "initDuration must be zero for a " + kind + " start: " + initDuration);
    }
  }

  /**
   * Whether the caller waited for this environment's init: true only for {@link StartKind#COLD}, so
   * provisioned-concurrency and SnapStart first calls are not counted as cold starts.
   *
   * @return true for a {@link StartKind#COLD} start
   */
  public boolean isColdStart() {
    return kind == StartKind.COLD;
  }

  /**
   * Whether this was the first invocation after init or restore.
   *
   * @return true for any kind but {@link StartKind#WARM}
   */
  public boolean isFirstInvocation() {
    return kind != StartKind.WARM;
  }
}
