package dev.perfkit.local.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment's life: starting, idle, busy with one invocation at a time, dead. Its
 * parts are the JVM ({@link EnvironmentProcess}), the Runtime API that JVM polls ({@link
 * RuntimeApiServer}) and its log stream ({@link LogStream}); the function timeout and the init
 * timeout are enforced by stopping the JVM.
 */
final class ExecutionEnvironment implements RuntimeApiServer.Environment {

  /** Told when an environment can take an invocation, and when it is gone. */
  interface Owner {
    void onIdle(ExecutionEnvironment environment);

    void onTerminated(ExecutionEnvironment environment);
  }

  static final String ON_DEMAND = "on-demand";
  static final String PROVISIONED = "provisioned-concurrency";
  static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
  private static final int LOG_TAIL_BYTES = 4 * 1024;

  private enum State {
    STARTING,
    IDLE,
    BUSY,
    DEAD
  }

  final FunctionConfig config;
  final String version;
  final String initializationType;
  final int generation;
  final String alias;
  final String logStreamName;
  private final Host host;
  private final Owner owner;
  private final LogStream log;
  private final EnvironmentProcess process;
  private final BlockingQueue<Invocation> delivery = new LinkedBlockingQueue<>(1);
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private State state = State.STARTING;
  private Invocation current;
  private long currentLogStart;
  private long currentDeliveredNanos;

  private boolean coldStartReported;
  private long startNanos;
  private double initDurationMs;
  private byte[] initError;

  /**
   * The error object the runtime posted for the current invocation: it completes when the runtime
   * next asks for an invocation, since the runtime client logs the stack trace after posting it,
   * and that log belongs to this invocation, before its END and REPORT.
   */
  private byte[] postedError;

  private ScheduledFuture<?> pendingTimeout;
  private RuntimeApiServer runtimeApi;

  ExecutionEnvironment(
      Host host,
      Owner owner,
      FunctionConfig config,
      String version,
      String initializationType,
      int generation,
      String alias) {
    this.host = host;
    this.owner = owner;
    this.config = config;
    this.version = version;
    this.initializationType = initializationType;
    this.generation = generation;
    this.alias = alias;
    this.log =
        new LogStream(host.logDirectory().resolve(config.name()), version, host.clock().instant());
    this.logStreamName = log.name;
    this.process = new EnvironmentProcess(host, config, version, initializationType, log);
  }

  /** Completes when the runtime first asks for an invocation; fails if the JVM never does. */
  CompletableFuture<Void> ready() {
    return ready;
  }

  @Override
  public long pid() {
    return process.pid();
  }

  /**
   * Hands an invocation to this environment; false when it is busy or gone. An environment that is
   * still starting takes the invocation that started it.
   */
  synchronized boolean assign(Invocation invocation) {
    if (current != null || state == State.DEAD || state == State.BUSY) {
      return false;
    }
    // A JVM that died while idle (kill -9) may not be reported yet: it takes no invocation.
    if (state == State.IDLE && !process.isAlive()) {
      return false;
    }
    current = invocation;
    currentLogStart = log.size();
    currentDeliveredNanos = 0;
    if (state == State.IDLE) {
      state = State.BUSY;
    }
    delivery.add(invocation);
    return true;
  }

  /** Starts the Runtime API and the JVM. */
  void start() throws IOException {
    log.create();
    runtimeApi = RuntimeApiServer.start(this, host.executor());
    synchronized (this) {
      startNanos = host.ticker().read();
      process.start(runtimeApi.port(), this::exited);
      pendingTimeout =
          host.timer()
              .schedule(this::initTimedOut, host.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Stops the environment; an invocation in flight fails as a runtime exit. */
  void stop() {
    terminate(
        invocation ->
            failure(
                invocation,
                "Runtime.ExitError",
                "RequestId: "
                    + invocation.requestId
                    + " Error: Runtime exited: the local Lambda stopped the environment",
                "Status: error\tError Type: Runtime.ExitError"));
  }

  /** Waits, bounded, for the JVM to be gone. */
  boolean awaitExit(long millis) throws InterruptedException {
    return process.awaitExit(millis);
  }

  @Override
  public Optional<RuntimeApiServer.Next> next() {
    completePostedError();
    boolean becameIdle = false;
    synchronized (this) {
      if (!ready.isDone()) {
        initDurationMs = (host.ticker().read() - startNanos) / 1e6;
        cancelPendingTimeout();
        if (current == null && state == State.STARTING) {
          state = State.IDLE;
          becameIdle = true;
        } else if (state == State.STARTING) {
          state = State.BUSY;
        }
      }
    }
    // Idle first: whoever waits on ready() (e.g. provisioning) must find this environment in
    // the idle list when it wakes up, or the next invocation cold-starts another one.
    if (becameIdle) {
      owner.onIdle(this);
    }
    ready.complete(null);
    Invocation invocation = null;
    try {
      while (invocation == null && isAlive()) {
        invocation = delivery.poll(200, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (invocation == null || !deliver(invocation)) {
      return Optional.empty();
    }
    long deadline = host.clock().millis() + config.timeout().toMillis();
    return Optional.of(new RuntimeApiServer.Next(invocation, deadline));
  }

  @Override
  public void deliveryFailed() {
    // The runtime went away between asking and receiving; its exit is reported by exited().
    process.destroy();
  }

  @Override
  public void initError(byte[] errorObject) {
    initError = errorObject;
  }

  private synchronized boolean deliver(Invocation invocation) {
    if (current != invocation || state == State.DEAD || !process.isAlive()) {
      return false;
    }
    state = State.BUSY;
    currentDeliveredNanos = host.ticker().read();
    log.append("START RequestId: " + invocation.requestId + " Version: " + version + "\n");
    pendingTimeout =
        host.timer()
            .schedule(
                () -> timedOut(invocation), config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    return true;
  }

  @Override
  public boolean finish(String requestId, byte[] body, boolean error) {
    Invocation invocation;
    Invocation.Outcome outcome;
    synchronized (this) {
      if (current == null
          || state != State.BUSY
          || postedError != null
          || !current.requestId.equals(requestId)) {
        return false;
      }
      cancelPendingTimeout();
      if (error) {
        postedError = body;
        return true;
      }
      invocation = current;
      Optional<String> errorType = Optional.empty();
      byte[] payload = body;
      String status = "";
      if (body.length > MAX_RESPONSE_BYTES) {
        errorType = Optional.of("Function.ResponseSizeTooLarge");
        payload =
            ErrorObject.of(
                "Function.ResponseSizeTooLarge",
                "Response payload size ("
                    + body.length
                    + " bytes) exceeded maximum allowed payload size (6291556 bytes).");
        status = "Status: error\tError Type: Function.ResponseSizeTooLarge";
      }
      outcome = ended(invocation, payload, errorType, status);
    }
    owner.onIdle(this);
    invocation.complete(outcome);
    return true;
  }

  /** Completes the invocation whose error the runtime posted, now that its log is written. */
  private void completePostedError() {
    Invocation invocation;
    Invocation.Outcome outcome;
    synchronized (this) {
      if (postedError == null || state != State.BUSY) {
        return;
      }
      invocation = current;
      outcome = endedWithPostedError(invocation);
    }
    owner.onIdle(this);
    invocation.complete(outcome);
  }

  private Invocation.Outcome endedWithPostedError(Invocation invocation) {
    byte[] error = postedError;
    postedError = null;
    return ended(invocation, error, Optional.of(ErrorObject.typeOf(error, "Unhandled")), "");
  }

  /** Writes END and REPORT and frees the environment; the caller holds the lock. */
  private Invocation.Outcome ended(
      Invocation invocation, byte[] payload, Optional<String> errorType, String status) {
    log.append("END RequestId: " + invocation.requestId + "\n" + report(invocation, status));
    Invocation.Outcome outcome = new Invocation.Outcome(payload, errorType, logTail());
    current = null;
    state = State.IDLE;
    return outcome;
  }

  private void timedOut(Invocation invocation) {
    synchronized (this) {
      if (current != invocation || state != State.BUSY) {
        return;
      }
    }
    double seconds = config.timeout().toMillis() / 1000.0;
    terminate(timedOut(String.format(Locale.ROOT, "Task timed out after %.2f seconds", seconds)));
  }

  private void initTimedOut() {
    synchronized (this) {
      if (ready.isDone() || state == State.DEAD) {
        return;
      }
    }
    double seconds = host.initTimeout().toMillis() / 1000.0;
    terminate(
        timedOut(String.format(Locale.ROOT, "Init phase timed out after %.2f seconds", seconds)));
  }

  private Failure timedOut(String message) {
    return invocation ->
        failure(
            invocation,
            "Sandbox.Timedout",
            "RequestId: " + invocation.requestId + " Error: " + message,
            "Status: timeout",
            Instant.now(host.clock()) + " " + invocation.requestId + " " + message + "\n");
  }

  private void exited() {
    String description = process.exitDescription();
    byte[] reportedInitError = initError;
    terminate(
        invocation -> {
          if (reportedInitError != null) {
            String errorType = ErrorObject.typeOf(reportedInitError, "Runtime.ExitError");
            log.append(
                "END RequestId: "
                    + invocation.requestId
                    + "\n"
                    + report(invocation, "Status: error\tError Type: " + errorType));
            return new Invocation.Outcome(reportedInitError, Optional.of(errorType), logTail());
          }
          String message =
              "RequestId: "
                  + invocation.requestId
                  + " Error: Runtime exited with error: "
                  + description;
          return failure(
              invocation,
              "Runtime.ExitError",
              message,
              "Status: error\tError Type: Runtime.ExitError",
              message + "\nRuntime.ExitError\n");
        });
  }

  private interface Failure {
    Invocation.Outcome outcomeFor(Invocation invocation);
  }

  private Invocation.Outcome failure(
      Invocation invocation, String errorType, String message, String status) {
    return failure(invocation, errorType, message, status, "");
  }

  private Invocation.Outcome failure(
      Invocation invocation, String errorType, String message, String status, String logLine) {
    log.append(
        logLine + "END RequestId: " + invocation.requestId + "\n" + report(invocation, status));
    return new Invocation.Outcome(
        ErrorObject.of(errorType, message), Optional.of(errorType), logTail());
  }

  private void terminate(Failure failure) {
    Invocation invocation;
    Invocation.Outcome outcome = null;
    boolean handBack;
    synchronized (this) {
      if (state == State.DEAD) {
        return;
      }
      state = State.DEAD;
      cancelPendingTimeout();
      invocation = current;
      // An invocation its runtime never took goes back, to run elsewhere; unless the runtime
      // never got ready (its init failed or timed out): then the invocation fails with it.
      boolean undelivered = currentDeliveredNanos == 0 && postedError == null;
      handBack = invocation != null && undelivered && ready.isDone();
      if (invocation != null && !handBack) {
        // An error the runtime posted before it went is the invocation's outcome.
        outcome =
            postedError != null ? endedWithPostedError(invocation) : failure.outcomeFor(invocation);
      }
      current = null;
      state = State.DEAD;
    }
    process.destroy();
    ready.completeExceptionally(
        new IllegalStateException(
            "environment of "
                + config.name()
                + ":"
                + version
                + " stopped before it was ready"
                + (initError == null ? "" : ": " + new String(initError, StandardCharsets.UTF_8))));
    owner.onTerminated(this);
    if (handBack) {
      invocation.handBack();
    } else if (invocation != null) {
      invocation.complete(outcome);
    }
    RuntimeApiServer api = runtimeApi;
    if (api != null) {
      api.stop();
    }
    log.close();
  }

  private synchronized boolean isAlive() {
    return state != State.DEAD;
  }

  private void cancelPendingTimeout() {
    if (pendingTimeout != null) {
      pendingTimeout.cancel(false);
      pendingTimeout = null;
    }
  }

  private String report(Invocation invocation, String status) {
    double durationMs =
        currentDeliveredNanos == 0 ? 0 : (host.ticker().read() - currentDeliveredNanos) / 1e6;
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\t",
            invocation.requestId,
            durationMs,
            (long) Math.ceil(durationMs),
            config.memoryMb()));
    process
        .maxMemoryUsedMb()
        .ifPresent(used -> report.append("Max Memory Used: ").append(used).append(" MB\t"));
    // Provisioned environments initialized ahead of time: their invocations never wait for it.
    if (!coldStartReported && initDurationMs > 0 && ON_DEMAND.equals(initializationType)) {
      report.append(String.format(Locale.ROOT, "Init Duration: %.2f ms\t", initDurationMs));
      coldStartReported = true;
    }
    if (!status.isEmpty()) {
      report.append(status);
    }
    return report.append('\n').toString();
  }

  /** The last 4 KB of the current invocation's log, from where it was assigned to now. */
  private byte[] logTail() {
    return log.tail(currentLogStart, LOG_TAIL_BYTES);
  }
}
