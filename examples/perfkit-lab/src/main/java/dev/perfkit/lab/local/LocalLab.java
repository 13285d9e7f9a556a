package dev.perfkit.lab.local;

import static dev.perfkit.core.Preconditions.setOnce;
import static java.util.Objects.requireNonNullElse;
import static java.util.Objects.requireNonNullElseGet;

import dev.perfkit.lab.stack.HandlersArtifact;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.local.apigateway.ApiStage;
import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import dev.perfkit.local.sqs.EventSourceMapping;
import dev.perfkit.local.sqs.QueuePair;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The lab's whole stack on one machine, started from its {@link LabStack} model: the local Lambda
 * with the three functions deployed from perfkit-handlers' Lambda jar (memory, timeout,
 * environment, reserved concurrency, alias {@code prod} with provisioned concurrency), DynamoDB
 * (dynalite) with the table, the REST API stage with the stack's cache, throttling, usage plan and
 * API key, SQS (ElasticMQ) with the queue, its dead-letter queue and the event source mapping to
 * the SQS function, and a local {@code /uuid} service for the {@code default} operation.
 *
 * <p>The functions reach the local services through the SDK's endpoint variables ({@code
 * AWS_ENDPOINT_URL_LAMBDA}, {@code _DYNAMODB}, {@code _SQS}); the load tester may target the
 * stage's 127.0.0.1:port and no other local service ({@code PERFKIT_ALLOWED_TARGET_HOSTS}).
 * Concurrency is scaled by a {@link LabScale}; {@link #notes()} says where this lab differs from
 * the one on AWS.
 *
 * <pre>{@code
 * try (LocalLab lab = LocalLab.builder(LabStack.forUser("local", ColdStartMode.PROVISIONED))
 *     .scale(LabScale.forProcessors(Runtime.getRuntime().availableProcessors()))
 *     .start()) {
 *   lab.notes().forEach(System.out::println);
 *   // curl -H "x-api-key: <lab.apiKey()>" "<lab.api().invokeUrl()>/performance"
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops everything, execution environments and dynalite included; both also
 * stop by themselves when this JVM dies.
 */
public interface LocalLab extends LabServices {

  /** A builder for the lab of {@code stack}. */
  static Builder builder(LabStack stack) {
    return new Builder(stack);
  }

  /**
   * perfkit-handlers' Lambda jar ({@code perfkit-handlers-<version>-lambda.jar}), found beside the
   * jar or classes directory this class was loaded from (the build copies it beside {@code
   * perfkit-lab.jar}), else under {@code perfkit-handlers/target} or {@code
   * examples/perfkit-lab/target} of the working directory; empty when none exists.
   */
  static Optional<Path> findHandlersJar() {
    String name = Path.of(HandlersArtifact.DEFAULT_PATH).getFileName().toString();
    List<Path> candidates = new ArrayList<>();
    CodeSource source = LocalLab.class.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null) {
      try {
        Path parent = Path.of(source.getLocation().toURI()).getParent();
        if (parent != null) {
          candidates.add(parent.resolve(name));
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        // Not a file location: the working directory's candidates remain.
      }
    }
    candidates.add(Path.of(HandlersArtifact.DEFAULT_PATH));
    candidates.add(Path.of("examples", "perfkit-lab", "target", name));
    return candidates.stream().filter(Files::isRegularFile).map(Path::toAbsolutePath).findFirst();
  }

  /** The stack as it runs here: the given one with its concurrency scaled. */
  LabStack stack();

  /** The scale the stack runs at. */
  LabScale scale();

  /** The REST API stage in front of the performance function's alias. */
  ApiStage api();

  /** The value of the usage plan's API key, for {@code x-api-key}. */
  String apiKey();

  /** The stack's queue and its dead-letter queue. */
  QueuePair queues();

  /** The event source mapping from the queue to the SQS function. */
  EventSourceMapping sqsMapping();

  /** Stops the mapping, the stage, the environments, SQS, DynamoDB and the /uuid service. */
  @Override
  void close();

  /** Configures and starts a {@link LocalLab}; each option may be set once. */
  final class Builder {
    private static final String KEY_ALPHABET =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    final LabStack stack;
    private Path handlersJar;
    private Integer lambdaPort;
    private Integer apiPort;
    private Integer sqsPort;
    private LabScale scale;
    private String apiKey;
    private Boolean dynamo;
    private Path cacheDirectory;
    private Path workDirectory;
    private Path stateDirectory;
    private Boolean clean;
    private Duration initTimeout;
    private LocalCloudWatch cloudWatch;
    private Consumer<String> progress;

    private Builder(LabStack stack) {
      this.stack = Objects.requireNonNull(stack, "stack");
    }

    /**
     * The functions' code; default {@link LocalLab#findHandlersJar()}.
     *
     * @param handlersJar perfkit-handlers' Lambda jar
     * @return this builder
     */
    public Builder handlersJar(Path handlersJar) {
      this.handlersJar = setOnce("handlersJar", this.handlersJar, handlersJar);
      return this;
    }

    /**
     * The Invoke API's port on 127.0.0.1; 0 (default) picks a free one.
     *
     * @param port the port, 0 to 65535
     * @return this builder
     */
    public Builder lambdaPort(int port) {
      this.lambdaPort = setOnce("lambdaPort", lambdaPort, checkPort("lambdaPort", port));
      return this;
    }

    /**
     * The API stage's port on 127.0.0.1; 0 (default) picks a free one.
     *
     * @param port the port, 0 to 65535
     * @return this builder
     */
    public Builder apiPort(int port) {
      this.apiPort = setOnce("apiPort", apiPort, checkPort("apiPort", port));
      return this;
    }

    /**
     * The SQS endpoint's port on 127.0.0.1; 0 (default) picks a free one.
     *
     * @param port the port, 0 to 65535
     * @return this builder
     */
    public Builder sqsPort(int port) {
      this.sqsPort = setOnce("sqsPort", sqsPort, checkPort("sqsPort", port));
      return this;
    }

    /**
     * The concurrency scale; default {@link LabScale#forProcessors} of this machine.
     *
     * @param scale the scale
     * @return this builder
     */
    public Builder scale(LabScale scale) {
      this.scale = setOnce("scale", this.scale, scale);
      return this;
    }

    /**
     * The API key's value, 20 to 128 printable ASCII characters; default a random one.
     *
     * @param apiKey the key's value
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (!apiKey.matches("[\\x21-\\x7e]{20,128}")) {
        throw new IllegalArgumentException(
            "apiKey must be 20 to 128 printable ASCII characters without spaces, as API Gateway"
                + " requires");
      }
      this.apiKey = setOnce("apiKey", this.apiKey, apiKey);
      return this;
    }

    /**
     * Whether to start DynamoDB (dynalite, needs Node.js); default true.
     *
     * @param dynamo false to run without DynamoDB
     * @return this builder
     */
    public Builder dynamo(boolean dynamo) {
      this.dynamo = setOnce("dynamo", this.dynamo, dynamo);
      return this;
    }

    /**
     * Where dynalite is installed on first use; default {@code $XDG_CACHE_HOME/perfkit}, else
     * {@code ~/.cache/perfkit}.
     *
     * @param cacheDirectory the directory
     * @return this builder
     */
    public Builder cacheDirectory(Path cacheDirectory) {
      this.cacheDirectory = setOnce("cacheDirectory", this.cacheDirectory, cacheDirectory);
      return this;
    }

    /**
     * Where the local Lambda keeps its logs (one file per environment), kept after close; default a
     * temporary directory deleted on close.
     *
     * @param workDirectory the directory
     * @return this builder
     */
    public Builder workDirectory(Path workDirectory) {
      this.workDirectory = setOnce("workDirectory", this.workDirectory, workDirectory);
      return this;
    }

    /**
     * Where the lab keeps what survives a stop: the queues with their messages (ElasticMQ's H2
     * store, in {@code sqs/}) and DynamoDB's tables with their items (dynalite's LevelDB, in {@code
     * dynamodb/}); the next start with the same directory has them again. Default none: both in
     * memory, lost on close.
     *
     * @param stateDirectory the directory, created if missing
     * @return this builder
     */
    public Builder stateDirectory(Path stateDirectory) {
      this.stateDirectory = setOnce("stateDirectory", this.stateDirectory, stateDirectory);
      return this;
    }

    /**
     * Whether to start clean: what the {@link #stateDirectory} kept is deleted first; default
     * false.
     *
     * @param clean true to delete the kept queues, messages and tables before starting
     * @return this builder
     */
    public Builder clean(boolean clean) {
      this.clean = setOnce("clean", this.clean, clean);
      return this;
    }

    /**
     * How long an environment may take to initialise; default 30 s, since provisioned ones start
     * together on a machine shared with everything else.
     *
     * @param initTimeout the longest initialisation, positive
     * @return this builder
     */
    public Builder initTimeout(Duration initTimeout) {
      Objects.requireNonNull(initTimeout, "initTimeout");
      if (initTimeout.isNegative() || initTimeout.isZero()) {
        throw new IllegalArgumentException("initTimeout must be positive, was " + initTimeout);
      }
      this.initTimeout = setOnce("initTimeout", this.initTimeout, initTimeout);
      return this;
    }

    /**
     * The local CloudWatch to feed as CloudWatch is fed on AWS: the functions' log lines (their EMF
     * documents extracted as CloudWatch Logs does), {@code AWS/Lambda} from the local Lambda,
     * {@code AWS/ApiGateway} from the API stage and {@code AWS/SQS} from the queues. It is the
     * caller's: it stays up after {@link LocalLab#close()}, with what the lab fed it. Default none.
     *
     * @param cloudWatch the running local CloudWatch
     * @return this builder
     */
    public Builder cloudWatch(LocalCloudWatch cloudWatch) {
      this.cloudWatch = setOnce("cloudWatch", this.cloudWatch, cloudWatch);
      return this;
    }

    /**
     * Told each step as it starts, e.g. {@code starting DynamoDB (dynalite)}; default silent.
     *
     * @param progress told each step
     * @return this builder
     */
    public Builder progress(Consumer<String> progress) {
      this.progress = setOnce("progress", this.progress, progress);
      return this;
    }

    /**
     * Starts everything and returns when the provisioned environments are initialised and the
     * mapping polls. On failure, what was started is stopped again.
     *
     * @return the running lab
     * @throws IllegalStateException when no handlers jar is given or found
     * @throws IOException when a port cannot be bound
     */
    public LocalLab start() throws IOException {
      Path jar =
          handlersJar != null
              ? handlersJar
              : findHandlersJar()
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "perfkit-handlers' Lambda jar was not found beside perfkit-lab.jar,"
                                  + " in "
                                  + HandlersArtifact.DEFAULT_PATH
                                  + " or in examples/perfkit-lab/target:"
                                  + " build it with ./mvnw package, or give its path"));
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("handlersJar " + jar + " is not a file");
      }
      return DefaultLocalLab.start(settings(), jar.toAbsolutePath());
    }

    /**
     * Starts the services alone, without the stack's functions, queues, API stage and mapping: for
     * the lab's CLI steps, which create them. The handlers jar and the API key are not used.
     *
     * @return the running services
     * @throws IOException when a port cannot be bound
     */
    public LabServices startServices() throws IOException {
      return DefaultLocalLab.startServices(settings());
    }

    private StartSettings settings() {
      return new StartSettings(
          stack,
          requireNonNullElseGet(
              scale, () -> LabScale.forProcessors(Runtime.getRuntime().availableProcessors())),
          apiKey != null ? apiKey : randomKey(),
          requireNonNullElse(dynamo, true),
          cacheDirectory != null ? cacheDirectory : defaultCacheDirectory(),
          Optional.ofNullable(workDirectory),
          Optional.ofNullable(stateDirectory),
          requireNonNullElse(clean, false),
          new StartSettings.Ports(
              requireNonNullElse(lambdaPort, 0),
              requireNonNullElse(apiPort, 0),
              requireNonNullElse(sqsPort, 0)),
          requireNonNullElse(initTimeout, Duration.ofSeconds(30)),
          Optional.ofNullable(cloudWatch),
          requireNonNullElse(progress, step -> {}));
    }

    private static int checkPort(String name, int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(name + " must be 0 to 65535, was " + port);
      }
      return port;
    }

    private static String randomKey() {
      SecureRandom random = new SecureRandom();
      StringBuilder key = new StringBuilder(40);
      for (int i = 0; i < 40; i++) {
        key.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
      }
      return key.toString();
    }

    private static Path defaultCacheDirectory() {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path base =
          xdg != null && !xdg.isBlank()
              ? Path.of(xdg)
              : Path.of(System.getProperty("user.home"), ".cache");
      return base.resolve("perfkit");
    }
  }
}
