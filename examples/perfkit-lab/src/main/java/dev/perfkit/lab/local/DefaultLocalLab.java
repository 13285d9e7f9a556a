package dev.perfkit.lab.local;

import dev.perfkit.local.apigateway.ApiStage;
import dev.perfkit.local.apigateway.HttpMethod;
import dev.perfkit.local.apigateway.MethodSettings;
import dev.perfkit.local.apigateway.Quota;
import dev.perfkit.local.apigateway.StageConfig;
import dev.perfkit.local.apigateway.Throttle;
import dev.perfkit.local.apigateway.UsagePlan;
import dev.perfkit.lab.local.LocalDynamo.DynamoUnavailableException;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.sqs.EventSourceMapping;
import dev.perfkit.local.sqs.LocalSqs;
import dev.perfkit.local.sqs.QueueConfig;
import dev.perfkit.local.sqs.QueuePair;
import dev.perfkit.lab.stack.ApiMethod;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.FunctionAlias;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.lab.stack.FunctionSpec;
import dev.perfkit.lab.stack.QueueSpec;
import dev.perfkit.lab.stack.RestApi;
import dev.perfkit.lab.stack.SqsTrigger;
import dev.perfkit.lab.stack.UsagePlanSpec;
import dev.perfkit.handlers.PerformanceFunction;
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
  private final UuidServer uuid;
  private final LocalSqs sqs;
  private final QueuePair queues;
  private final Optional<LocalDynamo> dynamo;
  private final LocalLambda lambda;
  private final ApiStage api;
  private final EventSourceMapping mapping;
  private final List<String> notes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DefaultLocalLab(Parts parts, List<String> notes) {
    this.stack = parts.stack;
    this.scale = parts.scale;
    this.apiKey = parts.apiKey;
    this.uuid = parts.uuid;
    this.sqs = parts.sqs;
    this.queues = parts.queues;
    this.dynamo = Optional.ofNullable(parts.dynamo);
    this.lambda = parts.lambda;
    this.api = parts.api;
    this.mapping = parts.mapping;
    this.notes = List.copyOf(notes);
  }

  static LocalLab start(LocalLab.Builder builder, Path jar, String apiKey, Path cacheDirectory)
      throws IOException {
    Parts parts = new Parts();
    parts.scale = builder.scale;
    parts.stack = builder.scale.apply(builder.stack);
    parts.apiKey = apiKey;
    List<String> notes = new ArrayList<>();
    List<String> changes = builder.scale.changes(builder.stack);
    if (!changes.isEmpty()) {
      notes.add("concurrency scaled to " + builder.scale.factor() + " of the lab's for this"
          + " machine, since every execution environment is a JVM here (scale 1 runs the lab's"
          + " settings):");
      notes.addAll(changes);
    }
    parts.stack.performanceFunction().alias()
        .filter(alias -> alias.coldStart() == ColdStartMode.SNAPSTART)
        .ifPresent(alias -> notes.add("SnapStart is not emulated locally: every new environment"
            + " of alias " + alias.name() + " is a cold start"));
    Consumer<String> progress = builder.progress;
    Deque<AutoCloseable> started = new ArrayDeque<>();
    ExecutorService background =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "perfkit-lab-start");
              thread.setDaemon(true);
              return thread;
            });
    CompletableFuture<LocalDynamo> dynamoStart = CompletableFuture.completedFuture(null);
    try {
      if (builder.dynamo) {
        progress.accept("starting DynamoDB (dynalite) with table " + parts.stack.table().name());
        dynamoStart =
            CompletableFuture.supplyAsync(
                () -> LocalDynamo.start(cacheDirectory, parts.stack.table(), progress), background);
      } else {
        notes.add("DynamoDB not started (turned off): " + PerformanceFunction.DATABASE_BATCH
            + " answers 500, the function has no table");
      }
      progress.accept("starting the /uuid service for the default operation");
      parts.uuid = UuidServer.start();
      started.push(parts.uuid);

      progress.accept("starting SQS (ElasticMQ) with " + parts.stack.queue().name()
          + " and its dead-letter queue");
      parts.sqs = LocalSqs.builder().port(builder.sqsPort).build();
      started.push(parts.sqs);
      parts.queues = QueuePair.create(parts.sqs.client(), queueConfig(parts.stack.queue()));

      progress.accept("starting the local Lambda");
      LocalLambda.Builder lambdaBuilder =
          LocalLambda.builder()
              .port(builder.lambdaPort)
              .initTimeout(builder.initTimeout)
              .concurrencyLimit(accountConcurrency(parts.stack, builder.scale));
      if (builder.workDirectory != null) {
        lambdaBuilder.workDirectory(builder.workDirectory);
      }
      parts.lambda = bind("the local Lambda", builder.lambdaPort, lambdaBuilder::build);
      started.push(parts.lambda);

      try {
        parts.dynamo = dynamoStart.join();
      } catch (CompletionException e) {
        if (!(e.getCause() instanceof DynamoUnavailableException unavailable)) {
          throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        notes.add("DynamoDB not started (" + unavailable.getMessage() + "): "
            + PerformanceFunction.DATABASE_BATCH + " answers 500, the function has no table");
      }
      if (parts.dynamo != null) {
        started.push(parts.dynamo);
      }

      Map<String, String> endpoints = new LinkedHashMap<>();
      endpoints.put("AWS_ENDPOINT_URL_LAMBDA", parts.lambda.endpoint().toString());
      endpoints.put("AWS_ENDPOINT_URL_SQS", parts.sqs.endpoint().toString());
      if (parts.dynamo != null) {
        endpoints.put("AWS_ENDPOINT_URL_DYNAMODB", parts.dynamo.endpoint().toString());
      }
      for (FunctionSpec function : parts.stack.functions()) {
        progress.accept("deploying " + describe(function));
        parts.lambda.deploy(functionConfig(parts, function, jar, endpoints));
      }

      progress.accept("starting the API stage " + parts.stack.api().stageName());
      ApiStage.Builder stage =
          ApiStage.builder(parts.lambda, parts.stack.performanceFunction().name())
              .config(stageConfig(parts.stack.api(), apiKey))
              .port(builder.apiPort);
      parts.stack.performanceFunction().alias().map(FunctionAlias::name).ifPresent(stage::qualifier);
      parts.api = bind("the API stage", builder.apiPort, stage::build);
      started.push(parts.api);

      SqsTrigger trigger = parts.stack.sqsTrigger();
      progress.accept("starting the event source mapping " + trigger.queueName() + " -> "
          + trigger.functionName());
      parts.mapping =
          EventSourceMapping.builder(
                  parts.sqs.client(), parts.queues.queueUrl(), parts.lambda, trigger.functionName())
              .batchSize(trigger.batchSize())
              .maximumBatchingWindow(Duration.ofSeconds(trigger.maximumBatchingWindowSeconds()))
              .reportBatchItemFailures(trigger.reportBatchItemFailures())
              .maximumConcurrency(trigger.maximumConcurrency())
              .start();
      started.push(parts.mapping);
      return new DefaultLocalLab(parts, notes);
    } catch (IOException | RuntimeException | Error e) {
      dynamoStart.whenComplete((dynamo, failure) -> {
        if (dynamo != null) {
          dynamo.close();
        }
      });
      closeAll(started, e);
      throw e;
    } finally {
      background.shutdown();
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

  private static int accountConcurrency(LabStack stack, LabScale scale) {
    int reserved =
        stack.functions().stream()
            .mapToInt(function -> function.reservedConcurrency().orElse(0))
            .sum();
    return Math.max(reserved + 10, scale.scale(stack.account().limit(), 1));
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

  private static FunctionConfig functionConfig(
      Parts parts, FunctionSpec function, Path jar, Map<String, String> endpoints) {
    Map<String, String> environment = new LinkedHashMap<>(function.environment());
    environment.putAll(endpoints);
    if (function.equals(parts.stack.performanceFunction())) {
      environment.put(PerformanceFunction.EXTERNAL_URL_VARIABLE, parts.uuid.uuidUrl().toString());
      if (parts.dynamo == null) {
        environment.remove(PerformanceFunction.TABLE_NAME_VARIABLE);
      }
    }
    if (function.equals(parts.stack.loadTester())) {
      environment.merge(ALLOWED_TARGET_HOSTS, "127.0.0.1", (given, local) -> given + "," + local);
    }
    FunctionConfig.Builder config =
        FunctionConfig.builder(function.name(), function.handler(), List.of(jar))
            .memoryMb(function.memoryMb())
            .timeout(Duration.ofSeconds(function.timeoutSeconds()))
            .environment(environment);
    function.reservedConcurrency().ifPresent(config::reservedConcurrency);
    function.alias().ifPresent(alias -> config.alias(alias.name(), alias.provisionedConcurrency()));
    return config.build();
  }

  private static QueueConfig queueConfig(QueueSpec queue) {
    QueueConfig.Builder config =
        QueueConfig.builder(queue.name())
            .visibilityTimeout(Duration.ofSeconds(queue.visibilityTimeoutSeconds()))
            .messageRetention(Duration.ofSeconds(queue.messageRetentionSeconds()));
    queue.redrive().ifPresent(redrive -> config
        .deadLetterQueueName(redrive.deadLetterQueue().name())
        .maxReceiveCount(redrive.maxReceiveCount()));
    return config.build();
  }

  private static StageConfig stageConfig(RestApi api, String apiKey) {
    StageConfig.Builder config =
        StageConfig.builder()
            .stageName(api.stageName())
            .cacheEnabled(true)
            .cacheTtl(Duration.ofSeconds(api.cacheTtlSeconds()));
    for (ApiMethod method : api.methods()) {
      MethodSettings.Builder settings =
          MethodSettings.builder()
              .apiKeyRequired(method.apiKeyRequired())
              .cachingEnabled(method.cachingEnabled());
      method.cacheKeyQueryParameters().forEach(settings::cacheKeyQueryParameter);
      config.method(HttpMethod.valueOf(method.httpMethod()), settings.build());
    }
    UsagePlanSpec plan = api.usagePlan();
    return config
        .usagePlan(
            UsagePlan.builder(plan.name())
                .throttle(new Throttle(plan.rateLimit(), plan.burstLimit()))
                .quota(new Quota(plan.quotaLimit(), Quota.Period.valueOf(plan.quotaPeriod().name())))
                .apiKey(plan.apiKeyName(), apiKey)
                .build())
        .build();
  }

  /** What {@link #start} has started so far. */
  private static final class Parts {
    LabStack stack;
    LabScale scale;
    String apiKey;
    UuidServer uuid;
    LocalSqs sqs;
    QueuePair queues;
    LocalDynamo dynamo;
    LocalLambda lambda;
    ApiStage api;
    EventSourceMapping mapping;
  }
}
