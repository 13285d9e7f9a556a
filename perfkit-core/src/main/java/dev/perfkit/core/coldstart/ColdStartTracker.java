package dev.perfkit.core.coldstart;

import dev.perfkit.core.Environment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Tells, for each invocation, whether it is the first of its execution environment and of what kind
 * (cold, after provisioned-concurrency init, after a SnapStart restore) or warm. Exactly one
 * invocation sees a first kind, however many threads call at once; a later CRaC restore makes the
 * next invocation a first again.
 *
 * <p>A cold start is a fact of the execution environment, not of a handler instance: handlers'
 * no-argument constructors use {@link #shared()}, tests and embedding code {@link #create}.
 *
 * <pre>{@code
 * private final ColdStartTracker starts = ColdStartTracker.shared();
 *
 * public Response handleRequest(Request request, Context context) {
 *   InvocationStart start = starts.onInvocation();
 *   if (start.isColdStart()) {
 *     metrics.put("ColdStarts", 1, MetricUnit.COUNT)
 *         .put("InitDuration", start.initDuration().toMillis(), MetricUnit.MILLISECONDS);
 *   }
 *   ...
 * }
 * }</pre>
 */
public final class ColdStartTracker {

  /** The variable Lambda sets to tell how the environment was initialised. */
  public static final String INITIALIZATION_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";

  /** {@value}: the environment was created for a waiting request. */
  public static final String ON_DEMAND = "on-demand";

  /** {@value}: the environment was initialised ahead of requests. */
  public static final String PROVISIONED_CONCURRENCY = "provisioned-concurrency";

  /** {@value}: the environment was restored from a SnapStart snapshot. */
  public static final String SNAP_START = "snap-start";

  private final String initializationType;
  private final Clock clock;
  private final Instant jvmStart;
  private final InvocationStart warm;
  private final AtomicBoolean firstPending = new AtomicBoolean(true);
  private volatile boolean restored;
  // CRaC contexts may hold resources weakly: this field keeps the hook alive with the tracker.
  private final Resource restoreHook = new RestoreHook();

  private ColdStartTracker(String initializationType, Clock clock, Instant jvmStart) {
    this.initializationType = initializationType;
    this.clock = clock;
    this.jvmStart = jvmStart;
    this.warm = new InvocationStart(StartKind.WARM, Duration.ZERO, initializationType);
  }

  /**
   * The tracker of this execution environment, created on first use from the process environment,
   * the system clock and the JVM's start time, and registered for CRaC restores.
   *
   * @return the one tracker of this JVM
   */
  public static ColdStartTracker shared() {
    return Shared.INSTANCE;
  }

  /**
   * A fresh tracker, registered with the global CRaC context so that a restore is seen.
   *
   * @param environment where {@value #INITIALIZATION_TYPE_VARIABLE} is read; unset means {@value
   *     #ON_DEMAND}
   * @param clock the clock of the first invocation's time
   * @param jvmStart when the JVM started, e.g. {@code
   *     Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())}
   * @return a tracker whose next invocation is the first
   */
  public static ColdStartTracker create(Environment environment, Clock clock, Instant jvmStart) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(jvmStart, "jvmStart");
    ColdStartTracker tracker =
        new ColdStartTracker(
            environment.getOrDefault(INITIALIZATION_TYPE_VARIABLE, ON_DEMAND), clock, jvmStart);
    Core.getGlobalContext().register(tracker.restoreHook);
    return tracker;
  }

  /**
   * A fresh tracker, as {@link #create(Environment, Clock, Instant)}, with this JVM's start time
   * (read from {@code /proc} on Linux, where that is cheapest).
   *
   * @param environment where {@value #INITIALIZATION_TYPE_VARIABLE} is read; unset means {@value
   *     #ON_DEMAND}
   * @param clock the clock of the first invocation's time; on Linux the JVM's start is this clock's
   *     present instant minus the process age {@code /proc} reports
   * @return a tracker whose next invocation is the first
   */
  public static ColdStartTracker create(Environment environment, Clock clock) {
    return create(environment, clock, JvmStart.instant(Objects.requireNonNull(clock, "clock")));
  }

  /**
   * Records an invocation and tells how it started. Call once at the start of each invocation.
   *
   * @return {@code COLD}, {@code PROVISIONED_CONCURRENCY} or {@code SNAPSTART_RESTORE} for the
   *     first invocation after creation or a restore; {@code WARM} for every other
   */
  public InvocationStart onInvocation() {
    if (!firstPending.get() || !firstPending.compareAndSet(true, false)) {
      return warm;
    }
    if (restored || SNAP_START.equals(initializationType)) {
      return new InvocationStart(StartKind.SNAPSTART_RESTORE, Duration.ZERO, initializationType);
    }
    if (PROVISIONED_CONCURRENCY.equals(initializationType)) {
      return new InvocationStart(
          StartKind.PROVISIONED_CONCURRENCY, Duration.ZERO, initializationType);
    }
    Duration sinceJvmStart = Duration.between(jvmStart, clock.instant());
    return new InvocationStart(
        StartKind.COLD,
        sinceJvmStart.isNegative() ? Duration.ZERO : sinceJvmStart,
        initializationType);
  }

  /**
   * How the environment was initialised.
   *
   * @return {@value #INITIALIZATION_TYPE_VARIABLE} as read at creation, {@value #ON_DEMAND} if
   *     unset
   */
  public String initializationType() {
    return initializationType;
  }

  Resource restoreHook() {
    return restoreHook;
  }

  private final class RestoreHook implements Resource {
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
      // Nothing to release: the tracker holds no connection or file.
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
      restored = true;
      firstPending.set(true);
    }
  }

  private static final class Shared {
    static final ColdStartTracker INSTANCE = create(Environment.system(), Clock.systemUTC());
  }
}
