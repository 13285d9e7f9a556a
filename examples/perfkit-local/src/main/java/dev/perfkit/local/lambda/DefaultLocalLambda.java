package dev.perfkit.local.lambda;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The local Lambda: its functions, invocation routing, event source mappings and the API. */
final class DefaultLocalLambda implements LocalLambda {

  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  /**
   * How often one invocation is placed: an environment that ends before its runtime takes the
   * invocation hands it back, and another environment runs it.
   */
  private static final int PLACEMENTS = 3;

  /** How long {@link #close()} lets the invocations in progress finish. */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  private final Host host;
  private final Path workDirectory;
  private final boolean ownsWorkDirectory;
  private final FunctionRegistry functions;
  private final AsyncInvocations events;
  private final EventSourceMappings mappings;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final InvocationMetrics metrics;
  private final RunningInvocations running = new RunningInvocations();
  private final Duration idleTimeout;
  private LambdaApi api;

  private DefaultLocalLambda(
      Host host, Path workDirectory, boolean ownsWorkDirectory, LambdaSettings settings) {
    this.host = host;
    this.workDirectory = workDirectory;
    this.ownsWorkDirectory = ownsWorkDirectory;
    this.functions =
        new FunctionRegistry(
            host,
            new AccountConcurrency(
                settings.concurrencyLimit(), settings.minimumUnreservedConcurrency()),
            new CodeStore(workDirectory.resolve("code")));
    this.metrics = new InvocationMetrics(settings.metrics(), host);
    this.events = new AsyncInvocations(host, this::run, settings.eventRetryDelays());
    this.mappings = new EventSourceMappings(settings.eventSources(), this, host);
    this.idleTimeout = settings.idleTimeout();
  }

  static LocalLambda start(LambdaSettings settings) throws IOException {
    Optional<Path> given = settings.workDirectory();
    Path work =
        given.isPresent()
            ? given.get().toAbsolutePath()
            : Files.createTempDirectory("perfkit-lambda");
    Path taskRoot = Files.createDirectories(work.resolve("task"));
    Path logs = Files.createDirectories(work.resolve("logs"));
    Path nativeClient = RuntimeClasspath.extractNativeClient(work.resolve("runtime"));
    ExecutorService executor =
        Executors.newCachedThreadPool(DaemonThreadFactory.named("perfkit-lambda"));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreadFactory.named("perfkit-lambda-timer"));
    Host host =
        new Host(
            settings.javaExecutable(),
            settings.jvmOptions(),
            RuntimeClasspath.ofThisJvm(),
            nativeClient,
            taskRoot,
            logs,
            settings.region(),
            settings.accountId(),
            settings.initTimeout(),
            settings.clock(),
            settings.ticker(),
            timer,
            executor);
    DefaultLocalLambda lambda = new DefaultLocalLambda(host, work, given.isEmpty(), settings);
    // A tenth of the idle timeout late at most, and never more than 10 s.
    long sweepMillis = Math.max(100, Math.min(10_000, settings.idleTimeout().toMillis() / 10));
    var unused =
        timer.scheduleWithFixedDelay(
            lambda::reclaimIdle, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    try {
      lambda.api = LambdaApi.start(lambda, settings.port(), executor);
    } catch (IOException | RuntimeException e) {
      lambda.close();
      throw e;
    }
    return lambda;
  }

  @Override
  public URI endpoint() {
    return api.endpoint();
  }

  @Override
  public Path logDirectory() {
    return host.logDirectory();
  }

  Host host() {
    return host;
  }

  FunctionRegistry functions() {
    return functions;
  }

  EventSourceMappings mappings() {
    return mappings;
  }

  @Override
  public void deploy(FunctionConfig config) {
    Objects.requireNonNull(config, "config");
    checkOpen();
    functions.deploy(config, Map.of());
  }

  @Override
  public FunctionConfig functionConfiguration(String functionName) {
    return functions.function(Objects.requireNonNull(functionName, "functionName")).latest();
  }

  @Override
  public FunctionConfig updateFunctionConfiguration(FunctionConfig config) {
    Objects.requireNonNull(config, "config");
    return functions.update(config, Optional.empty());
  }

  @Override
  public String publishVersion(String functionName) {
    return functions
        .function(Objects.requireNonNull(functionName, "functionName"))
        .publishVersion("", Optional.empty())
        .version();
  }

  @Override
  public void createAlias(String functionName, String alias, String version) {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(version, "version");
    functions
        .function(Objects.requireNonNull(functionName, "functionName"))
        .createAlias(alias, version, "");
  }

  @Override
  public void putProvisionedConcurrency(String functionName, String alias, int count) {
    Objects.requireNonNull(functionName, "functionName");
    Objects.requireNonNull(alias, "alias");
    functions.putProvisionedConcurrency(functionName, alias, count);
  }

  @Override
  public InvokeResult invoke(InvokeRequest request) {
    Objects.requireNonNull(request, "request");
    checkOpen();
    FunctionRef ref = FunctionRef.parse(request.functionName(), request.qualifier());
    LambdaFunction function = functions.function(ref.name());
    LambdaFunction.Target target = function.resolve(ref.qualifier());
    String requestId = UUID.randomUUID().toString();
    InvocationType type = request.invocationType();
    byte[] payload = InvokePayloads.check(request.payload(), type);
    Optional<String> clientContext = InvokePayloads.decodeClientContext(request.clientContext());
    String invokedArn =
        host.functionArn(function.name) + ref.qualifier().map(q -> ":" + q).orElse("");
    if (type == InvocationType.DRY_RUN) {
      return new InvokeResult(
          204, requestId, new byte[0], Optional.empty(), Optional.empty(), Optional.empty());
    }
    if (type == InvocationType.EVENT) {
      metrics.eventReceived(function, target);
      // Lambda passes the client context to synchronous invocations only (Invoke, API reference).
      events.submit(function, target, requestId, payload, invokedArn);
      return new InvokeResult(
          202, requestId, new byte[0], Optional.empty(), Optional.empty(), Optional.empty());
    }
    Invocation invocation =
        new Invocation(
            requestId,
            payload,
            invokedArn,
            TraceHeader.next(host.clock().instant()),
            clientContext);
    Invocation.Outcome outcome = run(function, target, invocation);
    return new InvokeResult(
        200,
        requestId,
        outcome.payload(),
        outcome.errorType().map(errorType -> "Unhandled"),
        request.tailLog()
            ? Optional.of(Base64.getEncoder().encodeToString(outcome.logTail()))
            : Optional.empty(),
        Optional.of(target.version().id));
  }

  private Invocation.Outcome run(
      LambdaFunction function, LambdaFunction.Target target, Invocation invocation) {
    InvocationMetrics.Admitted admitted = metrics.admit(function, target);
    running.started();
    try {
      for (int placement = 1; ; placement++) {
        try {
          return runPlaced(function, target, invocation, admitted);
        } catch (Invocation.HandedBackException e) {
          if (placement == PLACEMENTS) {
            throw LocalLambdaException.service(
                "No environment of "
                    + function.name
                    + " took the invocation in "
                    + PLACEMENTS
                    + " placements: each ended before its runtime took it");
          }
          LOG.log(
              Level.INFO,
              "Invocation {0} of {1} goes to another environment: its environment ended before"
                  + " its runtime took it",
              invocation.requestId,
              function.name);
          invocation.retry();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LocalLambdaException.service("Interrupted while invoking " + function.name);
    } finally {
      admitted.release();
      running.ended();
    }
  }

  private Invocation.Outcome runPlaced(
      LambdaFunction function,
      LambdaFunction.Target target,
      Invocation invocation,
      InvocationMetrics.Admitted admitted)
      throws InterruptedException, Invocation.HandedBackException {
    ExecutionEnvironment environment = function.place(target, invocation);
    admitted.placed(environment);
    Duration bound = environment.config.timeout().plus(host.initTimeout()).plusSeconds(10);
    Optional<Invocation.Outcome> outcome = invocation.await(bound);
    if (outcome.isEmpty()) {
      environment.stop();
      outcome = invocation.await(Duration.ofSeconds(5));
    }
    Invocation.Outcome ran =
        outcome.orElseThrow(
            () ->
                LocalLambdaException.service(
                    "No answer from the environment of " + function.name + " within " + bound));
    admitted.ran(invocation, ran);
    return ran;
  }

  /**
   * Stops the on-demand environments idle for the idle timeout or longer, as Lambda reclaims them.
   */
  private void reclaimIdle() {
    long cutoff = host.ticker().read() - idleTimeout.toNanos();
    try {
      for (LambdaFunction function : functions.functions()) {
        List<ExecutionEnvironment> expired = function.reclaimIdle(cutoff);
        if (!expired.isEmpty()) {
          host.executor().execute(() -> expired.forEach(ExecutionEnvironment::stop));
        }
      }
    } catch (RuntimeException e) {
      // The next sweep tries again; an environment kept a little longer is no loss.
      LOG.log(Level.WARNING, "Reclaiming idle environments failed", e);
    }
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the local Lambda is closed");
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    mappings.close();
    long drainEnd = host.ticker().read() + DRAIN.toNanos();
    if (api != null) {
      api.stop(DRAIN);
    }
    int cutShort = running.awaitNone(host.ticker(), drainEnd);
    if (cutShort > 0) {
      LOG.log(
          Level.WARNING,
          "{0} invocations still running after the {1} s drain are stopped (Runtime.ExitError)",
          cutShort,
          DRAIN.toSeconds());
    }
    List<ExecutionEnvironment> environments = new ArrayList<>(functions.close());
    events.close();
    long deadline = host.ticker().read() + TimeUnit.SECONDS.toNanos(10);
    try {
      for (ExecutionEnvironment environment : environments) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - host.ticker().read());
        if (!environment.awaitExit(Math.max(1, left))) {
          LOG.log(Level.WARNING, "Environment JVM {0} did not exit within 10 s", environment.pid());
        }
      }
      host.timer().shutdownNow();
      host.executor().shutdownNow();
      host.executor().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownsWorkDirectory) {
      Directories.deleteRecursively(workDirectory);
    }
  }
}
