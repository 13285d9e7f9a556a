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
import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.sqs.EventSourceMapping;
import dev.perfkit.local.sqs.LocalSqs;
import dev.perfkit.local.sqs.QueuePair;
import dev.perfkit.local.sqs.SqsEventSources;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
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
  private final LabServices services;
  private final QueuePair queues;
  private final ApiStage api;
  private final EventSourceMapping mapping;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DefaultLocalLab(Start start, LabServices services) {
    this.stack = start.stack;
    this.scale = start.settings.scale();
    this.apiKey = start.settings.apiKey();
    this.services = services;
    this.queues = start.queues;
    this.api = start.api;
    this.mapping = start.mapping;
  }

  static LocalLab start(StartSettings settings, Path jar) throws IOException {
    return new Start(settings).lab(jar);
  }

  static LabServices startServices(StartSettings settings) throws IOException {
    return new Start(settings).services();
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
    return services.lambda();
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
    return services.sqs();
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
    return services.dynamoEndpoint();
  }

  @Override
  public Optional<LocalCloudWatch> cloudWatch() {
    return services.cloudWatch();
  }

  @Override
  public URI externalUrl() {
    return services.externalUrl();
  }

  @Override
  public List<String> notes() {
    return services.notes();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Deque<AutoCloseable> parts = new ArrayDeque<>();
    parts.push(services);
    parts.push(api);
    parts.push(() -> mapping.stop(MAPPING_STOP));
    DefaultLabServices.closeAll(parts, "the local lab did not stop cleanly");
  }

  /**
   * One start of the lab: each service started in dependency order and recorded, so that a failure
   * closes what was started, last first.
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
    private FunctionLogFeed logFeed;
    private LocalDynamo dynamo;
    private LabState state;
    private ApiStage api;
    private EventSourceMapping mapping;

    Start(StartSettings settings) {
      this.settings = settings;
      this.stack = settings.scale().apply(settings.stack());
      this.progress = settings.progress();
    }

    /** The services, the stack's queues and functions, the API stage and the mapping. */
    LocalLab lab(Path jar) throws IOException {
      noteDifferences();
      return start(
          () -> {
            LabServices services = startServices(accountConcurrency());
            progress.accept(
                "creating the queue " + stack.queue().name() + " and its dead-letter queue");
            queues = QueuePair.create(sqs.client(), LocalConfigs.queue(stack.queue()));
            // The stage first: the load tester may target its port, and that port only.
            api = started(startApiStage());
            deployFunctions(jar);
            mapping = started(startMapping());
            return new DefaultLocalLab(this, services);
          });
    }

    /**
     * The services alone, for functions and queues that others create: the account's concurrency is
     * the lab's, unscaled, since nothing runs until they ask.
     */
    LabServices services() throws IOException {
      return start(() -> startServices(settings.stack().account().limit()));
    }

    private <T> T start(ServerStart<T> steps) throws IOException {
      try {
        return steps.start();
      } catch (IOException | RuntimeException | Error e) {
        DefaultLabServices.closeAll(started, e);
        throw e;
      }
    }

    /**
     * The /uuid service, SQS and the local Lambda, while DynamoDB starts in the background
     * (installing dynalite can take minutes on first use); returns once DynamoDB has joined.
     */
    private LabServices startServices(int accountConcurrency) throws IOException {
      ExecutorService background =
          Executors.newSingleThreadExecutor(DaemonThreadFactory.named("perfkit-lab-start"));
      CompletableFuture<LocalDynamo> dynamoStart = CompletableFuture.completedFuture(null);
      try {
        state = LabState.prepare(settings.stateDirectory(), settings.clean(), progress);
        dynamoStart = startDynamo(background);
        uuid = started(startUuid());
        sqs = started(startSqs());
        lambda = started(startLambda(accountConcurrency));
        settings
            .cloudWatch()
            .ifPresent(
                to -> logFeed = started(FunctionLogFeed.start(lambda.logDirectory(), to.logs())));
        dynamo = awaitDynamo(dynamoStart);
        if (dynamo != null) {
          started(dynamo);
        }
        return new DefaultLabServices(
            uuid,
            sqs,
            Optional.ofNullable(dynamo),
            lambda,
            settings.cloudWatch(),
            Optional.ofNullable(logFeed),
            state,
            notes);
      } catch (IOException | RuntimeException | Error e) {
        var unused =
            dynamoStart.whenComplete(
                (late, failure) -> {
                  if (late != null) {
                    late.close();
                  }
                });
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
        notes.add(
            "concurrency scaled to "
                + settings.scale().factor()
                + " of the lab's for this"
                + " machine, since every execution environment is a JVM here (scale 1 runs the lab's"
                + " settings):");
        notes.addAll(changes);
      }
      stack
          .performanceFunction()
          .alias()
          .filter(alias -> alias.coldStart() == ColdStartMode.SNAPSTART)
          .ifPresent(
              alias ->
                  notes.add(
                      "SnapStart is not emulated locally: every new environment"
                          + " of alias "
                          + alias.name()
                          + " is a cold start"));
    }

    private CompletableFuture<LocalDynamo> startDynamo(ExecutorService background) {
      if (!settings.dynamo()) {
        notes.add(
            "DynamoDB not started (turned off): "
                + PerformanceFunction.DATABASE_BATCH
                + " answers 500, the function has no table");
        return CompletableFuture.completedFuture(null);
      }
      progress.accept("starting DynamoDB (dynalite) with table " + stack.table().name());
      return CompletableFuture.supplyAsync(
          () ->
              LocalDynamo.start(settings.cacheDirectory(), stack.table(), state.dynamo(), progress),
          background);
    }

    private UuidServer startUuid() throws IOException {
      progress.accept("starting the /uuid service for the default operation");
      return UuidServer.start();
    }

    private LocalSqs startSqs() {
      progress.accept("starting SQS (ElasticMQ)");
      LocalSqs.Builder sqs = LocalSqs.builder().port(settings.ports().sqs());
      state.sqs().ifPresent(sqs::storage);
      settings.cloudWatch().ifPresent(to -> sqs.metrics(to.sqs()));
      return sqs.build();
    }

    private LocalLambda startLambda(int accountConcurrency) throws IOException {
      progress.accept("starting the local Lambda");
      LocalLambda.Builder lambda =
          LocalLambda.builder()
              .port(settings.ports().lambda())
              .initTimeout(settings.initTimeout())
              .concurrencyLimit(accountConcurrency)
              .eventSources(SqsEventSources.of(sqs));
      settings.workDirectory().ifPresent(lambda::workDirectory);
      settings.cloudWatch().ifPresent(to -> lambda.metrics(to.lambda()));
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
        notes.add(
            "DynamoDB not started ("
                + unavailable.getMessage()
                + "): "
                + PerformanceFunction.DATABASE_BATCH
                + " answers 500, the function has no table");
        return null;
      }
    }

    private void deployFunctions(Path jar) {
      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString());
      endpoints.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
      if (dynamo != null) {
        endpoints.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
      }
      for (FunctionSpec function : stack.functions()) {
        progress.accept("deploying " + describe(function));
        lambda.deploy(LocalConfigs.function(function, jar, environment(function, endpoints)));
      }
    }

    /**
     * The function's environment here: its own, the local endpoints, the /uuid service for the
     * performance function (and no table without DynamoDB), the API stage's 127.0.0.1:port for the
     * load tester (no other local service: not the Invoke API, dynalite or ElasticMQ).
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
        environment.merge(
            ALLOWED_TARGET_HOSTS,
            "127.0.0.1:" + api.endpoint().getPort(),
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
      settings.cloudWatch().ifPresent(to -> stage.metrics(stack.api().name(), to.apiGateway()));
      return bind("the API stage", settings.ports().api(), stage::build);
    }

    private EventSourceMapping startMapping() {
      SqsTrigger trigger = stack.sqsTrigger();
      progress.accept(
          "starting the event source mapping "
              + trigger.queueName()
              + " -> "
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
    function
        .alias()
        .ifPresent(
            alias -> {
              text.append(", alias ").append(alias.name());
              if (alias.provisionedConcurrency() > 0) {
                text.append(" with ")
                    .append(alias.provisionedConcurrency())
                    .append(" provisioned environment")
                    .append(alias.provisionedConcurrency() == 1 ? "" : "s");
              }
            });
    return text.append(")").toString();
  }
}
