package dev.perfkit.lab.local;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.lab.local.LocalDynamo.DynamoUnavailableException;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.FunctionAlias;
import dev.perfkit.lab.stack.FunctionSpec;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.lab.stack.SqsTrigger;
import dev.perfkit.local.apigateway.ApiStage;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.sqs.EventSourceMapping;
import dev.perfkit.local.sqs.LocalSqs;
import dev.perfkit.local.sqs.QueuePair;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The {@link LocalLab}: starts the parts in dependency order and stops them in reverse. */
final class DefaultLocalLab implements LocalLab {

  static final String ALLOWED_TARGET_HOSTS = "PERFKIT_ALLOWED_TARGET_HOSTS";

  /** How long {@link #close()} lets the mapping's batches in flight finish. */
  private static final Duration MAPPING_STOP = Duration.ofSeconds(10);

  private final LabStack stack;
  private final LabScale scale;
  private final String apiKey;
  private final UuidServer uuid;
  private final LocalSqs sqs;
  private final QueuePair queues;
  private final Optional<LocalDynamo> dynamo;
  private final LocalLambda lambda;
  private final ApiStage api;
  private final EventSourceMapping mapping;
  private final List<String> notes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DefaultLocalLab(Start start) {
    this.stack = start.stack;
    this.scale = start.settings.scale();
    this.apiKey = start.settings.apiKey();
    this.uuid = start.uuid;
    this.sqs = start.sqs;
    this.queues = start.queues;
    this.dynamo = Optional.ofNullable(start.dynamo);
    this.lambda = start.lambda;
    this.api = start.api;
    this.mapping = start.mapping;
    this.notes = List.copyOf(start.notes);
  }

  static LocalLab start(StartSettings settings) throws IOException {
    return new Start(settings).run();
  }

  @Override
  public LabStack stack() {
    return stack;
  }

  @Override
  public LabScale scale() {
    return scale;
  }

  @Override
  public LocalLambda lambda() {
    return lambda;
  }

  @Override
  public ApiStage api() {
    return api;
  }

  @Override
  public String apiKey() {
    return apiKey;
  }

  @Override
  public LocalSqs sqs() {
    return sqs;
  }

  @Override
  public QueuePair queues() {
    return queues;
  }

  @Override
  public EventSourceMapping sqsMapping() {
    return mapping;
  }

  @Override
  public Optional<URI> dynamoEndpoint() {
    return dynamo.map(LocalDynamo::endpoint);
  }

  @Override
  public URI externalUrl() {
    return uuid.uuidUrl();
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Deque<AutoCloseable> parts = new ArrayDeque<>();
    parts.push(uuid);
    parts.push(sqs);
    dynamo.ifPresent(parts::push);
    parts.push(lambda);
    parts.push(api);
    parts.push(() -> mapping.stop(MAPPING_STOP));
    RuntimeException failure = new IllegalStateException("the local lab did not stop cleanly");
    closeAll(parts, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /** Closes in stack order (last started first), adding each failure to {@code failure}. */
  private static void closeAll(Deque<AutoCloseable> parts, Throwable failure) {
    while (!parts.isEmpty()) {
      try {
        parts.pop().close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  /**
   * One start of the lab: each service started in dependency order and recorded, so that a
   * failure closes what was started, last first. DynamoDB starts in the background meanwhile
   * (installing dynalite can take minutes on first use) and joins before the functions deploy.
   */
  private static final class Start {
    private final StartSettings settings;
    private final LabStack stack;
    private final Consumer<String> progress;
    private final List<String> notes = new ArrayList<>();
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private UuidServer uuid;
    private LocalSqs sqs;
    private QueuePair queues;
    private LocalLambda lambda;
    private LocalDynamo dynamo;
    private ApiStage api;
    private EventSourceMapping mapping;

    Start(StartSettings settings) {
      this.settings = settings;
      this.stack = settings.scale().apply(settings.stack());
      this.progress = settings.progress();
    }

    LocalLab run() throws IOException {
      noteDifferences();
      ExecutorService background =
          Executors.newSingleThreadExecutor(DaemonThreadFactory.named("perfkit-lab-start"));
      CompletableFuture<LocalDynamo> dynamoStart = CompletableFuture.completedFuture(null);
      try {
        dynamoStart = startDynamo(background);
        uuid = started(startUuid());
        sqs = started(startSqs());
        queues = QueuePair.create(sqs.client(), LocalConfigs.queue(stack.queue()));
        lambda = started(startLambda());
        dynamo = awaitDynamo(dynamoStart);
        if (dynamo != null) {
          started(dynamo);
        }
        // The stage first: the load tester may target its port, and that port only.
        api = started(startApiStage());
        deployFunctions();
        mapping = started(startMapping());
        return new DefaultLocalLab(this);
      } catch (IOException | RuntimeException | Error e) {
        dynamoStart.whenComplete((late, failure) -> {
          if (late != null) {
            late.close();
          }
        });
        closeAll(started, e);
        throw e;
      } finally {
        background.shutdown();
      }
    }

    private <T extends AutoCloseable> T started(T part) {
      started.push(part);
      return part;
    }

    /** Notes where this lab differs from the one on AWS: scaled settings, SnapStart. */
    private void noteDifferences() {
      List<String> changes = settings.scale().changes(settings.stack());
      if (!changes.isEmpty()) {
        notes.add("concurrency scaled to " + settings.scale().factor() + " of the lab's for this"
            + " machine, since every execution environment is a JVM here (scale 1 runs the lab's"
            + " settings):");
        notes.addAll(changes);
      }
      stack.performanceFunction().alias()
          .filter(alias -> alias.coldStart() == ColdStartMode.SNAPSTART)
          .ifPresent(alias -> notes.add("SnapStart is not emulated locally: every new environment"
              + " of alias " + alias.name() + " is a cold start"));
    }

    private CompletableFuture<LocalDynamo> startDynamo(ExecutorService background) {
      if (!settings.dynamo()) {
        notes.add("DynamoDB not started (turned off): " + PerformanceFunction.DATABASE_BATCH
            + " answers 500, the function has no table");
        return CompletableFuture.completedFuture(null);
      }
      progress.accept("starting DynamoDB (dynalite) with table " + stack.table().name());
      return CompletableFuture.supplyAsync(
          () -> LocalDynamo.start(settings.cacheDirectory(), stack.table(), progress), background);
    }

    private UuidServer startUuid() throws IOException {
      progress.accept("starting the /uuid service for the default operation");
      return UuidServer.start();
    }

    private LocalSqs startSqs() {
      progress.accept("starting SQS (ElasticMQ) with " + stack.queue().name()
          + " and its dead-letter queue");
      return LocalSqs.builder().port(settings.ports().sqs()).build();
    }

    private LocalLambda startLambda() throws IOException {
      progress.accept("starting the local Lambda");
      LocalLambda.Builder lambda =
          LocalLambda.builder()
              .port(settings.ports().lambda())
              .initTimeout(settings.initTimeout())
              .concurrencyLimit(accountConcurrency());
      settings.workDirectory().ifPresent(lambda::workDirectory);
      return bind("the local Lambda", settings.ports().lambda(), lambda::build);
    }

    /** The local Lambda's account limit: the scaled one, above what the functions reserve. */
    private int accountConcurrency() {
      int reserved =
          stack.functions().stream()
              .mapToInt(function -> function.reservedConcurrency().orElse(0))
              .sum();
      return Math.max(reserved + 10, settings.scale().scale(stack.account().limit(), 1));
    }

    /** DynamoDB once it started; null, and a note saying why, when it could not. */
    private LocalDynamo awaitDynamo(CompletableFuture<LocalDynamo> dynamoStart) {
      try {
        return dynamoStart.join();
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof DynamoUnavailableException unavailable)) {
          throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        notes.add("DynamoDB not started (" + unavailable.getMessage() + "): "
            + PerformanceFunction.DATABASE_BATCH + " answers 500, the function has no table");
        return null;
      }
    }

    private void deployFunctions() {
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString());
      endpoints.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
      if (dynamo != null) {
        endpoints.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
      }
      for (FunctionSpec function : stack.functions()) {
        progress.accept("deploying " + describe(function));
        lambda.deploy(
            LocalConfigs.function(function, settings.jar(), environment(function, endpoints)));
      }
    }

    /**
     * The function's environment here: its own, the local endpoints, the /uuid service for the
     * performance function (and no table without DynamoDB), the API stage's 127.0.0.1:port for
     * the load tester (no other local service: not the Invoke API, dynalite or ElasticMQ).
     */
    private Map<String, String> environment(FunctionSpec function, Map<String, String> endpoints) {
      Map<String, String> environment = new LinkedHashMap<>(function.environment());
      environment.putAll(endpoints);
      if (function.equals(stack.performanceFunction())) {
        environment.put(PerformanceFunction.EXTERNAL_URL_VARIABLE, uuid.uuidUrl().toString());
        if (dynamo == null) {
          environment.remove(PerformanceFunction.TABLE_NAME_VARIABLE);
        }
      }
      if (function.equals(stack.loadTester())) {
        environment.merge(ALLOWED_TARGET_HOSTS, "127.0.0.1:" + api.endpoint().getPort(),
            (given, local) -> given + "," + local);
      }
      return environment;
    }

    private ApiStage startApiStage() throws IOException {
      progress.accept("starting the API stage " + stack.api().stageName());
      ApiStage.Builder stage =
          ApiStage.builder(lambda, stack.performanceFunction().name())
              .config(LocalConfigs.stage(stack.api(), settings.apiKey()))
              .port(settings.ports().api());
      stack.performanceFunction().alias().map(FunctionAlias::name).ifPresent(stage::qualifier);
      return bind("the API stage", settings.ports().api(), stage::build);
    }

    private EventSourceMapping startMapping() {
      SqsTrigger trigger = stack.sqsTrigger();
      progress.accept("starting the event source mapping " + trigger.queueName() + " -> "
          + trigger.functionName());
      return EventSourceMapping.builder(
              sqs.client(), queues.queueUrl(), lambda, trigger.functionName())
          .batchSize(trigger.batchSize())
          .maximumBatchingWindow(Duration.ofSeconds(trigger.maximumBatchingWindowSeconds()))
          .reportBatchItemFailures(trigger.reportBatchItemFailures())
          .maximumConcurrency(trigger.maximumConcurrency())
          .ramp(settings.scale().sqsRamp())
          .start();
    }
  }

  /** Starts a server; a port in use is an {@link IOException} that names the server and port. */
  private static <T> T bind(String server, int port, ServerStart<T> start) throws IOException {
    try {
      return start.start();
    } catch (BindException e) {
      throw new IOException(
          "cannot bind " + server + " to 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface ServerStart<T> {
    T start() throws IOException;
  }

  private static String describe(FunctionSpec function) {
    StringBuilder text =
        new StringBuilder(function.name()).append(" (").append(function.memoryMb()).append(" MB");
    function.reservedConcurrency().ifPresent(r -> text.append(", reserved ").append(r));
    function.alias().ifPresent(alias -> {
      text.append(", alias ").append(alias.name());
      if (alias.provisionedConcurrency() > 0) {
        text.append(" with ").append(alias.provisionedConcurrency())
            .append(" provisioned environment").append(alias.provisionedConcurrency() == 1 ? "" : "s");
      }
    });
    return text.append(")").toString();
  }
}
