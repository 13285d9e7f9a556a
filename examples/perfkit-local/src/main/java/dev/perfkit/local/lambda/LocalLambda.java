package dev.perfkit.local.lambda;

import dev.perfkit.core.Preconditions;
import dev.perfkit.core.time.Ticker;
import dev.perfkit.local.cloudwatch.LambdaMetrics;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS Lambda on one machine: the Lambda API on loopback (Invoke and the control plane: functions,
 * versions, aliases, concurrency, permissions, event source mappings), and real execution
 * environments, each a JVM running the AWS Lambda Java runtime interface client against a Runtime
 * API served here.
 *
 * <p>An invocation goes to an idle environment of the invoked version, or starts a new one (a cold
 * start). Reserved concurrency caps concurrent invocations of a function (429 beyond it);
 * provisioned concurrency keeps environments of an alias initialized ahead of time. The function
 * timeout is enforced by stopping the environment. Environments stop on {@link #close()}, and by
 * themselves when the JVM that started them dies.
 *
 * <pre>{@code
 * try (LocalLambda lambda = LocalLambda.builder().build()) {
 *   lambda.deploy(FunctionConfig.builder("hello", "com.example.Hello::handleRequest",
 *       List.of(Path.of("target/classes"))).build());
 *   // aws lambda invoke --endpoint-url <lambda.endpoint()> --function-name hello out.json
 * }
 * }</pre>
 */
public interface LocalLambda extends AutoCloseable {

  /**
   * A builder with defaults: a free loopback port, region {@code us-east-1}.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * The Lambda API endpoint.
   *
   * @return e.g. {@code http://127.0.0.1:41234}
   */
  URI endpoint();

  /**
   * The directory holding one log file per execution environment (its log stream).
   *
   * @return {@code logs} in the work directory, which is deleted on close unless given
   */
  Path logDirectory();

  /**
   * Creates a function, and the aliases of its configuration pointing at version 1 with their
   * provisioned environments started; returns when those are initialized.
   *
   * @param config the function; every entry of its code must exist
   * @throws LocalLambdaException 409 when the function exists; 400 when its reserved or provisioned
   *     concurrency leaves the account less than its minimum unreserved concurrency
   * @throws IllegalArgumentException when its code names a missing jar or directory
   * @throws IllegalStateException when provisioned environments do not initialize within the init
   *     timeout (plus 5 s), or the local Lambda is closed
   */
  void deploy(FunctionConfig config);

  /**
   * The configuration of {@code $LATEST}.
   *
   * @param functionName the function's name
   * @return its configuration, with the aliases it was deployed with
   * @throws LocalLambdaException 404 when there is no such function
   */
  FunctionConfig functionConfiguration(String functionName);

  /**
   * Replaces the configuration of {@code $LATEST} (the name selects the function; aliases in the
   * new configuration are ignored). Idle environments of {@code $LATEST} stop, busy ones after
   * their invocation; later invocations start environments with the new settings. Reserved
   * concurrency applies to the whole function at once.
   *
   * @param config the new configuration; every entry of its code must exist
   * @return the configuration of {@code $LATEST} now, with the function's deployed aliases
   * @throws LocalLambdaException 404 when there is no such function; 400 when the reserved
   *     concurrency leaves the account less than its minimum unreserved concurrency
   * @throws IllegalArgumentException when its code names a missing jar or directory, or its
   *     reserved concurrency is below the function's provisioned concurrency
   */
  FunctionConfig updateFunctionConfiguration(FunctionConfig config);

  /**
   * Publishes {@code $LATEST} as a new immutable version, unless it has not changed since the last
   * version (as Lambda does).
   *
   * @param functionName the function's name
   * @return the version's number: {@code 1} for the first, then one more each time; the last
   *     version's when {@code $LATEST} has not changed
   * @throws LocalLambdaException 404 when there is no such function
   */
  String publishVersion(String functionName);

  /**
   * Creates an alias pointing at {@code version}.
   *
   * @param functionName the function's name
   * @param alias the alias name: 1 to 128 of {@code [A-Za-z0-9_-]}, not only digits
   * @param version a published version's number or {@code $LATEST}
   * @throws LocalLambdaException 404 when the function or the version does not exist; 409 when the
   *     alias does
   * @throws IllegalArgumentException when the alias name is invalid
   */
  void createAlias(String functionName, String alias, String version);

  /**
   * Keeps {@code count} environments of the alias initialized with {@code
   * AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency}, replacing earlier ones; returns when
   * they are ready. Invocations of the alias use them first.
   *
   * @param functionName the function's name
   * @param alias an existing alias of the function
   * @param count 0 (none) or more; with the other aliases', at most the function's reserved
   *     concurrency
   * @throws LocalLambdaException 404 when the function or the alias does not exist; 400 when the
   *     count leaves the account less than its minimum unreserved concurrency
   * @throws IllegalArgumentException when the count is negative or over the reserved concurrency
   * @throws IllegalStateException when the environments do not initialize within the init timeout
   *     (plus 5 s)
   */
  void putProvisionedConcurrency(String functionName, String alias, int count);

  /**
   * Invokes a function. A function error is a result ({@link InvokeResult#functionError()}); a
   * refused invocation throws {@link LocalLambdaException}.
   *
   * @param request the function, qualifier, invocation type and payload
   * @return 200 with the function's response or error object; 202 for {@code Event}, queued; 204
   *     for {@code DryRun}
   * @throws LocalLambdaException when refused: 404 for an unknown function or qualifier, 429 when
   *     throttled, 400 for an invalid name, qualifier or payload (not JSON), 413 for a payload over
   *     Lambda's limit (6 MB synchronous, 1 MB {@code Event})
   * @throws IllegalStateException when the local Lambda is closed
   */
  InvokeResult invoke(InvokeRequest request);

  /** Stops every environment and the Invoke API; waits (bounded) for the processes to exit. */
  @Override
  void close();

  /** Builds a {@link LocalLambda}; each option may be set once. */
  final class Builder {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final List<String> DEFAULT_JVM_OPTIONS =
        List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:-UsePerfData");

    private Integer port;
    private String region;
    private String accountId;
    private Integer concurrencyLimit;
    private Integer minimumUnreservedConcurrency;
    private List<Duration> eventRetryDelays;
    private EventSources eventSources;
    private Duration initTimeout;
    private Duration idleTimeout;
    private Path workDirectory;
    private Path javaExecutable;
    private List<String> jvmOptions;
    private Clock clock;
    private Ticker ticker;
    private LambdaMetrics metrics;

    private Builder() {}

    /**
     * The Invoke API port on 127.0.0.1.
     *
     * @param port 0 (default) picks a free one
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = Preconditions.setOnce("port", this.port, port);
      return this;
    }

    /**
     * The region the environments see in {@code AWS_REGION} and ARNs carry.
     *
     * @param region e.g. {@code us-east-1} (the default)
     * @return this builder
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException(
            "region must look like 'us-east-1', was '" + region + "'");
      }
      this.region = Preconditions.setOnce("region", this.region, region);
      return this;
    }

    /**
     * The account id in ARNs.
     *
     * @param accountId 12 digits; default {@code 000000000000}
     * @return this builder
     */
    public Builder accountId(String accountId) {
      Objects.requireNonNull(accountId, "accountId");
      if (!ACCOUNT.matcher(accountId).matches()) {
        throw new IllegalArgumentException("accountId must be 12 digits, was '" + accountId + "'");
      }
      this.accountId = Preconditions.setOnce("accountId", this.accountId, accountId);
      return this;
    }

    /**
     * The account's concurrency limit: concurrent invocations of all functions together, each an
     * environment JVM; beyond it invocations get 429 {@code ConcurrentInvocationLimitExceeded}.
     * Default 64, far below Lambda's 1000, since every environment is a process on this machine.
     *
     * @param concurrencyLimit 1 or more
     * @return this builder
     */
    public Builder concurrencyLimit(int concurrencyLimit) {
      if (concurrencyLimit < 1) {
        throw new IllegalArgumentException(
            "concurrencyLimit must be 1 or more, was " + concurrencyLimit);
      }
      this.concurrencyLimit =
          Preconditions.setOnce("concurrencyLimit", this.concurrencyLimit, concurrencyLimit);
      return this;
    }

    /**
     * The concurrency that reservations must leave unreserved, for the functions without reserved
     * concurrency: {@code PutFunctionConcurrency} (and provisioned concurrency on a function
     * without reserved concurrency) beyond it is refused. Lambda keeps 100 of its default 1,000;
     * the default here is the same tenth of {@link #concurrencyLimit}, rounded up.
     *
     * @param minimumUnreservedConcurrency 0 or more
     * @return this builder
     */
    public Builder minimumUnreservedConcurrency(int minimumUnreservedConcurrency) {
      if (minimumUnreservedConcurrency < 0) {
        throw new IllegalArgumentException(
            "minimumUnreservedConcurrency must be 0 or more, was " + minimumUnreservedConcurrency);
      }
      this.minimumUnreservedConcurrency =
          Preconditions.setOnce(
              "minimumUnreservedConcurrency",
              this.minimumUnreservedConcurrency,
              minimumUnreservedConcurrency);
      return this;
    }

    /**
     * The waits before the two retries of an asynchronous ({@code Event}) invocation whose function
     * failed. Lambda waits one minute, then two; a lab run may shorten them.
     *
     * @param first before the first retry, positive; default 1 minute
     * @param second before the second retry, positive; default 2 minutes
     * @return this builder
     */
    public Builder eventRetryDelays(Duration first, Duration second) {
      positive("eventRetryDelays", first);
      positive("eventRetryDelays", second);
      this.eventRetryDelays =
          Preconditions.setOnce("eventRetryDelays", this.eventRetryDelays, List.of(first, second));
      return this;
    }

    /**
     * What event source mappings created through the Lambda API poll, e.g. {@code
     * SqsEventSources.of(sqs)}; without it {@code CreateEventSourceMapping} is refused.
     *
     * @param eventSources the sources
     * @return this builder
     */
    public Builder eventSources(EventSources eventSources) {
      this.eventSources = Preconditions.setOnce("eventSources", this.eventSources, eventSources);
      return this;
    }

    /**
     * How long an environment may take to initialize (JVM start and handler init).
     *
     * @param initTimeout positive; default 10 s
     * @return this builder
     */
    public Builder initTimeout(Duration initTimeout) {
      this.initTimeout =
          Preconditions.setOnce(
              "initTimeout", this.initTimeout, positive("initTimeout", initTimeout));
      return this;
    }

    /**
     * How long an on-demand environment may stay idle before it is stopped; the next invocation
     * then starts a new one (a cold start). Lambda reclaims idle environments after a time it does
     * not document (observed: minutes); provisioned environments stay, as there.
     *
     * @param idleTimeout positive; default 10 minutes
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout =
          Preconditions.setOnce(
              "idleTimeout", this.idleTimeout, positive("idleTimeout", idleTimeout));
      return this;
    }

    private static Duration positive(String option, Duration value) {
      Objects.requireNonNull(value, option);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(option + " must be positive, was " + value);
      }
      return value;
    }

    /**
     * Where logs and the environments' task root live; kept after close. Default: a temporary
     * directory deleted on close.
     *
     * @param workDirectory the directory, created if missing
     * @return this builder
     */
    public Builder workDirectory(Path workDirectory) {
      this.workDirectory =
          Preconditions.setOnce("workDirectory", this.workDirectory, workDirectory);
      return this;
    }

    /**
     * The {@code java} that runs environments.
     *
     * @param javaExecutable default: the one running this JVM
     * @return this builder
     */
    public Builder javaExecutable(Path javaExecutable) {
      this.javaExecutable =
          Preconditions.setOnce("javaExecutable", this.javaExecutable, javaExecutable);
      return this;
    }

    /**
     * JVM options of every environment, before {@code -Xmx} (set from the memory size). Default:
     * serial GC, C1 only, class data sharing: a cheap startup for short-lived environments. A
     * function can add its own through {@code JAVA_TOOL_OPTIONS}.
     *
     * @param jvmOptions the options, in order
     * @return this builder
     */
    public Builder jvmOptions(List<String> jvmOptions) {
      Objects.requireNonNull(jvmOptions, "jvmOptions");
      this.jvmOptions =
          Preconditions.setOnce("jvmOptions", this.jvmOptions, List.copyOf(jvmOptions));
      return this;
    }

    /**
     * The clock of deadlines and log timestamps.
     *
     * @param clock default: UTC system clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Preconditions.setOnce("clock", this.clock, clock);
      return this;
    }

    /**
     * The ticker that measures durations (init, invocation, REPORT lines).
     *
     * @param ticker default: {@link Ticker#system()}
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Preconditions.setOnce("ticker", this.ticker, ticker);
      return this;
    }

    /**
     * Where the {@code AWS/Lambda} metrics of every invocation go, as Lambda publishes them to
     * CloudWatch: Invocations, Errors, Duration (as the REPORT line states it), Throttles,
     * ConcurrentExecutions, the provisioned concurrency metrics and AsyncEventsReceived.
     *
     * @param metrics e.g. {@link dev.perfkit.local.cloudwatch.LocalCloudWatch#lambda()}; default
     *     none
     * @return this builder
     */
    public Builder metrics(LambdaMetrics metrics) {
      this.metrics = Preconditions.setOnce("metrics", this.metrics, metrics);
      return this;
    }

    /**
     * Starts the Invoke API.
     *
     * @return the running local Lambda
     * @throws IOException when the port cannot be bound
     */
    public LocalLambda build() throws IOException {
      if (minimumUnreservedConcurrency != null
          && minimumUnreservedConcurrency > concurrencyLimit()) {
        throw new IllegalArgumentException(
            "minimumUnreservedConcurrency ("
                + minimumUnreservedConcurrency
                + ") must not exceed concurrencyLimit ("
                + concurrencyLimit()
                + ")");
      }
      return DefaultLocalLambda.start(
          new LambdaSettings(
              port == null ? 0 : port,
              region == null ? "us-east-1" : region,
              accountId == null ? "000000000000" : accountId,
              concurrencyLimit(),
              minimumUnreservedConcurrency == null
                  ? AccountConcurrency.defaultMinimumUnreserved(concurrencyLimit())
                  : minimumUnreservedConcurrency,
              eventRetryDelays == null ? AsyncInvocations.LAMBDA_RETRY_DELAYS : eventRetryDelays,
              Optional.ofNullable(eventSources),
              initTimeout == null ? Duration.ofSeconds(10) : initTimeout,
              idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout,
              Optional.ofNullable(workDirectory),
              javaExecutable == null
                  ? Path.of(System.getProperty("java.home"), "bin", "java")
                  : javaExecutable,
              jvmOptions == null ? DEFAULT_JVM_OPTIONS : jvmOptions,
              clock == null ? Clock.systemUTC() : clock,
              ticker == null ? Ticker.system() : ticker,
              Optional.ofNullable(metrics)));
    }

    private int concurrencyLimit() {
      return concurrencyLimit == null ? 64 : concurrencyLimit;
    }
  }
}
