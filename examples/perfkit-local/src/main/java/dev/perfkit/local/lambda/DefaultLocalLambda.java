package dev.perfkit.local.lambda;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** The local Lambda: functions, invocation routing and the Invoke API server. */
final class DefaultLocalLambda implements LocalLambda {

  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  private final Host host;
  private final Path workDirectory;
  private final boolean ownsWorkDirectory;
  private final int concurrencyLimit;
  private final AtomicInteger accountInFlight = new AtomicInteger();
  private final ConcurrentHashMap<String, LambdaFunction> functions = new ConcurrentHashMap<>();
  private final AsyncInvocations events;
  private final AtomicBoolean closed = new AtomicBoolean();
  private InvokeApi invokeApi;
  private InvocationMetrics metrics;

  private DefaultLocalLambda(
      Host host, Path workDirectory, boolean ownsWorkDirectory, int concurrencyLimit) {
    this.host = host;
    this.workDirectory = workDirectory;
    this.ownsWorkDirectory = ownsWorkDirectory;
    this.concurrencyLimit = concurrencyLimit;
    this.events = new AsyncInvocations(host, this::run);
  }

  static LocalLambda start(LocalLambda.Builder builder) throws IOException {
    Optional<Path> given = builder.workDirectory();
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
            builder.javaExecutable(),
            builder.jvmOptions(),
            RuntimeClasspath.ofThisJvm(),
            nativeClient,
            taskRoot,
            logs,
            builder.region(),
            builder.accountId(),
            builder.initTimeout(),
            builder.clock(),
            builder.ticker(),
            timer,
            executor);
    DefaultLocalLambda lambda =
        new DefaultLocalLambda(host, work, given.isEmpty(), builder.concurrencyLimit());
    lambda.metrics = new InvocationMetrics(builder.metrics(), host);
    try {
      lambda.invokeApi = InvokeApi.start(lambda, builder.port(), executor);
    } catch (IOException | RuntimeException e) {
      lambda.close();
      throw e;
    }
    return lambda;
  }

  @Override
  public URI endpoint() {
    return invokeApi.endpoint();
  }

  @Override
  public Path logDirectory() {
    return host.logDirectory();
  }

  @Override
  public void deploy(FunctionConfig config) {
    Objects.requireNonNull(config, "config");
    checkOpen();
    checkCode(config);
    LambdaFunction function = new LambdaFunction(host, config, accountInFlight, concurrencyLimit);
    if (functions.putIfAbsent(config.name(), function) != null) {
      throw LocalLambdaException.conflict(
          "Function already exist: " + config.name());
    }
    if (!config.aliases().isEmpty()) {
      String version = function.publishVersion();
      for (AliasConfig alias : config.aliases()) {
        function.createAlias(alias.name(), version);
        if (alias.provisionedConcurrency() > 0) {
          function.putProvisionedConcurrency(alias.name(), alias.provisionedConcurrency());
        }
      }
    }
  }

  @Override
  public FunctionConfig functionConfiguration(String functionName) {
    return function(Objects.requireNonNull(functionName, "functionName")).latest();
  }

  /** The configuration of a version or alias, as GetFunctionConfiguration answers it. */
  FunctionConfig functionConfiguration(FunctionRef ref) {
    LambdaFunction function = function(ref.name());
    return function.configuration(function.resolve(ref.qualifier()));
  }

  String functionArn(String functionName) {
    return host.functionArn(functionName);
  }

  /** The version a reference runs: {@code $LATEST}, a number, or the one an alias points at. */
  String versionOf(FunctionRef ref) {
    return function(ref.name()).resolve(ref.qualifier()).version().id;
  }

  @Override
  public FunctionConfig updateFunctionConfiguration(FunctionConfig config) {
    Objects.requireNonNull(config, "config");
    checkCode(config);
    return function(config.name()).update(config);
  }

  /**
   * {@code LastUpdateStatus} of a function as Lambda reports it: {@code InProgress} while an
   * environment of an earlier configuration still runs, then {@code Successful}.
   */
  String lastUpdateStatus(String functionName) {
    return function(functionName).updateInProgress() ? "InProgress" : "Successful";
  }

  @Override
  public String publishVersion(String functionName) {
    return function(Objects.requireNonNull(functionName, "functionName")).publishVersion();
  }

  @Override
  public void createAlias(String functionName, String alias, String version) {
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(version, "version");
    function(Objects.requireNonNull(functionName, "functionName")).createAlias(alias, version);
  }

  @Override
  public void putProvisionedConcurrency(String functionName, String alias, int count) {
    Objects.requireNonNull(alias, "alias");
    function(Objects.requireNonNull(functionName, "functionName"))
        .putProvisionedConcurrency(alias, count);
  }

  @Override
  public InvokeResult invoke(InvokeRequest request) {
    Objects.requireNonNull(request, "request");
    checkOpen();
    FunctionRef ref = FunctionRef.parse(request.functionName(), request.qualifier());
    LambdaFunction function = function(ref.name());
    LambdaFunction.Target target = function.resolve(ref.qualifier());
    String requestId = UUID.randomUUID().toString();
    InvocationType type = request.invocationType();
    byte[] payload = InvokePayloads.check(request.payload(), type);
    Optional<String> clientContext = InvokePayloads.decodeClientContext(request.clientContext());
    String invokedArn =
        host.functionArn(function.name) + ref.qualifier().map(q -> ":" + q).orElse("");
    switch (type) {
      case DRY_RUN:
        return new InvokeResult(
            204, requestId, new byte[0], Optional.empty(), Optional.empty(), Optional.empty());
      case EVENT:
        metrics.eventReceived(function, target);
        events.submit(function, target, requestId, payload, invokedArn, clientContext);
        return new InvokeResult(
            202, requestId, new byte[0], Optional.empty(), Optional.empty(), Optional.empty());
      default:
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
  }

  private Invocation.Outcome run(
      LambdaFunction function, LambdaFunction.Target target, Invocation invocation) {
    InvocationMetrics.Admitted admitted = metrics.admit(function, target);
    try {
      ExecutionEnvironment environment = function.place(target, invocation);
      admitted.placed(environment);
      Duration bound =
          environment.config.timeout().plus(host.initTimeout()).plusSeconds(10);
      Optional<Invocation.Outcome> outcome = invocation.await(bound);
      if (outcome.isEmpty()) {
        environment.stop();
        outcome = invocation.await(Duration.ofSeconds(5));
      }
      Invocation.Outcome ran = outcome.orElseThrow(
          () ->
              LocalLambdaException.service(
                  "No answer from the environment of " + function.name + " within " + bound));
      admitted.ran(invocation, ran);
      return ran;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LocalLambdaException.service("Interrupted while invoking " + function.name);
    } finally {
      admitted.release();
    }
  }

  private LambdaFunction function(String name) {
    LambdaFunction function = functions.get(name);
    if (function == null) {
      throw LocalLambdaException.notFound("Function not found: " + host.functionArn(name));
    }
    return function;
  }

  private static void checkCode(FunctionConfig config) {
    for (Path entry : config.code()) {
      if (!Files.exists(entry)) {
        throw new IllegalArgumentException(
            "code of " + config.name() + " names a missing jar or directory: " + entry);
      }
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
    List<ExecutionEnvironment> environments = new ArrayList<>();
    functions.values().forEach(function -> environments.addAll(function.close()));
    if (invokeApi != null) {
      invokeApi.stop();
    }
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
      deleteRecursively(workDirectory);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

}
