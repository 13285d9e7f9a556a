package dev.perfkit.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** The local Lambda: functions, invocation routing and the Invoke API server. */
final class DefaultLocalLambda implements LocalLambda {

  static final int MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
  static final int MAX_ASYNC_PAYLOAD = 1024 * 1024;
  private static final int EVENT_ATTEMPTS = 3;
  private static final Duration MAX_EVENT_AGE = Duration.ofHours(6);
  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the body
    // waits for the peer's delayed ACK: 40 ms on every Runtime API and Invoke API answer.
    // The setting is read once per JVM, when the first HttpServer starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final Host host;
  private final Path workDirectory;
  private final boolean ownsWorkDirectory;
  private final int concurrencyLimit;
  private final AtomicInteger accountInFlight = new AtomicInteger();
  private final ConcurrentHashMap<String, LambdaFunction> functions = new ConcurrentHashMap<>();
  private final Set<AsyncEvent> pendingEvents = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private InvokeApi invokeApi;

  private DefaultLocalLambda(
      Host host, Path workDirectory, boolean ownsWorkDirectory, int concurrencyLimit) {
    this.host = host;
    this.workDirectory = workDirectory;
    this.ownsWorkDirectory = ownsWorkDirectory;
    this.concurrencyLimit = concurrencyLimit;
  }

  static LocalLambda start(LocalLambda.Builder builder, Optional<Path> javaExecutable)
      throws IOException {
    boolean owns = builder.workDirectory == null;
    Path work =
        owns ? Files.createTempDirectory("perfkit-lambda") : builder.workDirectory.toAbsolutePath();
    Path taskRoot = Files.createDirectories(work.resolve("task"));
    Path logs = Files.createDirectories(work.resolve("logs"));
    Path java =
        javaExecutable.orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
    Path nativeClient = RuntimeClasspath.extractNativeClient(work.resolve("runtime"));
    ExecutorService executor = Executors.newCachedThreadPool(daemonThreads("perfkit-lambda"));
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("perfkit-lambda-timer"));
    Host host =
        new Host(
            java,
            builder.jvmOptions,
            RuntimeClasspath.ofThisJvm(),
            nativeClient,
            taskRoot,
            logs,
            builder.region,
            builder.accountId,
            builder.initTimeout,
            builder.clock,
            timer,
            executor);
    DefaultLocalLambda lambda =
        new DefaultLocalLambda(host, work, owns, builder.concurrencyLimit);
    try {
      lambda.invokeApi = InvokeApi.start(lambda, builder.port, executor);
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
    byte[] payload = checkPayload(request.payload(), type);
    Optional<String> clientContext = decodeClientContext(request.clientContext());
    String invokedArn =
        host.functionArn(function.name) + ref.qualifier().map(q -> ":" + q).orElse("");
    switch (type) {
      case DRY_RUN:
        return new InvokeResult(
            204, requestId, new byte[0], Optional.empty(), Optional.empty(), Optional.empty());
      case EVENT:
        AsyncEvent event =
            new AsyncEvent(function, target, requestId, payload, invokedArn, clientContext);
        pendingEvents.add(event);
        host.executor().execute(event::attempt);
        return new InvokeResult(
            202, requestId, new byte[0], Optional.empty(), Optional.empty(), Optional.empty());
      default:
        Invocation invocation =
            new Invocation(requestId, payload, invokedArn, traceId(), clientContext);
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
    function.acquire();
    try {
      ExecutionEnvironment environment = function.place(target, invocation);
      Duration bound =
          environment.config.timeout().plus(host.initTimeout()).plusSeconds(10);
      Optional<Invocation.Outcome> outcome = invocation.await(bound);
      if (outcome.isEmpty()) {
        environment.stop();
        outcome = invocation.await(Duration.ofSeconds(5));
      }
      return outcome.orElseThrow(
          () ->
              LocalLambdaException.service(
                  "No answer from the environment of " + function.name + " within " + bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LocalLambdaException.service("Interrupted while invoking " + function.name);
    } finally {
      function.release();
    }
  }

  /** An asynchronous invocation: retried twice on function errors, and while throttled. */
  private final class AsyncEvent {
    private final LambdaFunction function;
    private final LambdaFunction.Target target;
    private final String requestId;
    private final byte[] payload;
    private final String invokedArn;
    private final Optional<String> clientContext;
    private final long acceptedNanos = System.nanoTime();
    private int failures;
    private int throttles;

    AsyncEvent(
        LambdaFunction function,
        LambdaFunction.Target target,
        String requestId,
        byte[] payload,
        String invokedArn,
        Optional<String> clientContext) {
      this.function = function;
      this.target = target;
      this.requestId = requestId;
      this.payload = payload;
      this.invokedArn = invokedArn;
      this.clientContext = clientContext;
    }

    void attempt() {
      if (closed.get()) {
        return;
      }
      try {
        Invocation.Outcome outcome =
            run(
                function,
                target,
                new Invocation(requestId, payload, invokedArn, traceId(), clientContext));
        if (!outcome.failed()) {
          pendingEvents.remove(this);
        } else if (++failures >= EVENT_ATTEMPTS) {
          pendingEvents.remove(this);
          LOG.log(
              Level.WARNING,
              "Event {0} to {1} failed {2} times ({3}); dropped, as Lambda does without a"
                  + " failure destination",
              requestId,
              invokedArn,
              failures,
              outcome.errorType().orElse(""));
        } else {
          // Lambda waits about one and then two minutes; locally seconds keep the lab quick.
          retryIn(Duration.ofSeconds(failures));
        }
      } catch (LocalLambdaException e) {
        Duration age = Duration.ofNanos(System.nanoTime() - acceptedNanos);
        if (e.statusCode() == 429 && age.compareTo(MAX_EVENT_AGE) < 0) {
          throttles++;
          retryIn(Duration.ofMillis(Math.min(30_000, 100L << Math.min(throttles, 9))));
        } else {
          pendingEvents.remove(this);
          LOG.log(Level.WARNING, "Event {0} to {1} dropped: {2}", requestId, invokedArn, e.getMessage());
        }
      }
    }

    private void retryIn(Duration delay) {
      if (closed.get()) {
        return;
      }
      host.timer()
          .schedule(
              () -> host.executor().execute(this::attempt),
              delay.toMillis(),
              TimeUnit.MILLISECONDS);
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

  private static byte[] checkPayload(byte[] payload, InvocationType type) {
    int limit = type == InvocationType.EVENT ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
    if (payload.length > limit) {
      throw LocalLambdaException.tooLarge(
          payload.length
              + " byte payload is too large for the "
              + type.wireName()
              + " invocation type (limit "
              + limit
              + " bytes)");
    }
    if (payload.length == 0) {
      return "{}".getBytes(StandardCharsets.UTF_8);
    }
    try {
      JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw LocalLambdaException.invalidContent(
          "Could not parse request body into json: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return payload;
  }

  private static Optional<String> decodeClientContext(Optional<String> clientContext) {
    return clientContext.map(
        encoded -> {
          try {
            String decoded =
                new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            JSON.readTree(decoded);
            return decoded;
          } catch (IllegalArgumentException | IOException e) {
            throw LocalLambdaException.invalidParameter(
                "Client context must be a valid Base64-encoded JSON object.");
          }
        });
  }

  private String traceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "Root=1-%08x-%012x%012x;Parent=%016x;Sampled=0",
        host.clock().instant().getEpochSecond(),
        random.nextLong(1L << 48),
        random.nextLong(1L << 48),
        random.nextLong() & Long.MAX_VALUE);
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
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      for (ExecutionEnvironment environment : environments) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
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
    if (!pendingEvents.isEmpty()) {
      LOG.log(Level.WARNING, "{0} queued events dropped at shutdown", pendingEvents.size());
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

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
