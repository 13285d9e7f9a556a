package dev.perfkit.lab.stack;

import static dev.perfkit.core.Preconditions.setOnce;
import static java.util.Objects.requireNonNullElse;

import dev.perfkit.handlers.LabMetrics;
import dev.perfkit.handlers.PerformanceFunction;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The lab's whole stack for one user: the three functions, the REST API, the table, the queue with
 * its dead-letter queue, the event source mapping and the dashboard, every resource name prefixed
 * by the username. The local lab runs it; the deployment renders it for AWS.
 *
 * <p>Constructing one validates it: names against what each AWS service accepts, and settings
 * against each other (visibility timeout, mapping concurrency, the account's unreserved
 * concurrency). An {@link InvalidStackException} lists every problem.
 *
 * @param username the prefix of every resource name
 * @param performanceFunction the API's function
 * @param loadTester the function that drives load at the performance function
 * @param sqsScaler the queue's consumer
 * @param api the REST API in front of the performance function
 * @param table the performance function's table
 * @param queue the SQS function's queue, with its redrive policy
 * @param sqsTrigger the mapping from the queue to the SQS function
 * @param dashboardName the CloudWatch dashboard's name
 * @param account the account concurrency the reserved values must respect
 */
public record LabStack(
    String username,
    FunctionSpec performanceFunction,
    FunctionSpec loadTester,
    FunctionSpec sqsScaler,
    RestApi api,
    Table table,
    QueueSpec queue,
    SqsTrigger sqsTrigger,
    String dashboardName,
    AccountConcurrency account) {

  /** The alias callers use, as the lab names it. */
  public static final String ALIAS = "prod";

  /** The EMF namespace the functions emit into, as the lab names it. */
  public static final String METRICS_NAMESPACE = LabMetrics.DEFAULT_NAMESPACE;

  /** Validates the stack; see the class description. */
  public LabStack {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(performanceFunction, "performanceFunction");
    Objects.requireNonNull(loadTester, "loadTester");
    Objects.requireNonNull(sqsScaler, "sqsScaler");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(sqsTrigger, "sqsTrigger");
    Objects.requireNonNull(dashboardName, "dashboardName");
    Objects.requireNonNull(account, "account");
    List<String> problems = new ArrayList<>();
    if (username.isEmpty()) {
      problems.add("username is empty");
    } else {
      Map<NameRule, List<String>> names = new EnumMap<>(NameRule.class);
      names.put(
          NameRule.LAMBDA_FUNCTION,
          List.of(performanceFunction.name(), loadTester.name(), sqsScaler.name()));
      List<String> queues = new ArrayList<>(List.of(queue.name()));
      queue.redrive().ifPresent(r -> queues.add(r.deadLetterQueue().name()));
      names.put(NameRule.SQS_QUEUE, queues);
      names.put(NameRule.DYNAMODB_TABLE, List.of(table.name()));
      names.put(NameRule.CLOUDWATCH_DASHBOARD, List.of(dashboardName));
      names.put(
          NameRule.API_GATEWAY,
          List.of(api.name(), api.usagePlan().name(), api.usagePlan().apiKeyName()));
      names.values().stream()
          .flatMap(List::stream)
          .filter(name -> !name.startsWith(username + "-"))
          .forEach(name -> problems.add("'" + name + "' is not prefixed by '" + username + "-'"));
      names.forEach((rule, list) -> rule.check(username, list).ifPresent(problems::add));
    }
    checkSettings(problems, performanceFunction, loadTester, sqsScaler, queue, sqsTrigger, account);
    if (!problems.isEmpty()) {
      throw new InvalidStackException(username, problems);
    }
  }

  private static void checkSettings(
      List<String> problems,
      FunctionSpec performanceFunction,
      FunctionSpec loadTester,
      FunctionSpec sqsScaler,
      QueueSpec queue,
      SqsTrigger trigger,
      AccountConcurrency account) {
    if (!trigger.functionName().equals(sqsScaler.name())
        || !trigger.queueName().equals(queue.name())) {
      problems.add(
          "the SQS mapping connects "
              + trigger.queueName()
              + " to "
              + trigger.functionName()
              + ", not "
              + queue.name()
              + " to "
              + sqsScaler.name());
    }
    // AWS's rule for SQS event sources: a message must stay hidden while a batch that holds it
    // waits for its window and then runs, including retries of throttled invocations.
    int minimumVisibility = 6 * sqsScaler.timeoutSeconds() + trigger.maximumBatchingWindowSeconds();
    if (queue.visibilityTimeoutSeconds() < minimumVisibility) {
      problems.add(
          "visibility timeout of "
              + queue.name()
              + " is "
              + queue.visibilityTimeoutSeconds()
              + " s: at least 6 x "
              + sqsScaler.name()
              + "'s timeout "
              + sqsScaler.timeoutSeconds()
              + " s + batching window "
              + trigger.maximumBatchingWindowSeconds()
              + " s = "
              + minimumVisibility
              + " s, or messages come back while they are still being processed");
    }
    sqsScaler
        .reservedConcurrency()
        .ifPresent(
            reserved -> {
              if (trigger.maximumConcurrency() > reserved) {
                problems.add(
                    "MaximumConcurrency "
                        + trigger.maximumConcurrency()
                        + " of the SQS mapping is above "
                        + sqsScaler.name()
                        + "'s reserved concurrency "
                        + reserved
                        + ": the extra invocations are throttled and their messages reach the"
                        + " dead-letter queue after maxReceiveCount receives");
              }
            });
    int reserved = 0;
    List<String> parts = new ArrayList<>();
    for (FunctionSpec function : List.of(performanceFunction, loadTester, sqsScaler)) {
      if (function.reservedConcurrency().isPresent()) {
        reserved += function.reservedConcurrency().getAsInt();
        parts.add(function.name() + " " + function.reservedConcurrency().getAsInt());
      }
    }
    if (reserved > account.reservable()) {
      problems.add(
          "reserved concurrency "
              + reserved
              + " ("
              + String.join(", ", parts)
              + ") plus "
              + account.reservedElsewhere()
              + " reserved elsewhere would leave "
              + (account.limit() - account.reservedElsewhere() - reserved)
              + " of the account's "
              + account.limit()
              + " concurrent executions unreserved;"
              + " Lambda keeps at least "
              + AccountConcurrency.UNRESERVED_MINIMUM
              + " unreserved, so this stack may reserve at most "
              + Math.max(0, account.reservable())
              + " (ask for a higher account limit, or lower the reserved values)");
    }
  }

  /**
   * The lab's stack for a user, with the lab's settings.
   *
   * @param username the prefix of every resource name
   * @param coldStart how the alias avoids cold starts
   * @return the validated stack
   * @throws InvalidStackException when a name would break an AWS naming rule
   */
  public static LabStack forUser(String username, ColdStartMode coldStart) {
    return builder(username).coldStart(coldStart).build();
  }

  /**
   * A builder starting from the lab's settings for {@code username}.
   *
   * @param username the prefix of every resource name
   * @return a new builder
   */
  public static Builder builder(String username) {
    return new Builder(Objects.requireNonNull(username, "username"));
  }

  /**
   * The three functions: performance function, load tester, SQS scaler.
   *
   * @return the functions, in that order
   */
  public List<FunctionSpec> functions() {
    return List.of(performanceFunction, loadTester, sqsScaler);
  }

  /**
   * Builds a {@link LabStack} from the lab's settings, with the few values a user tunes, each set
   * once. The resulting stack is validated by {@link #build()}.
   */
  public static final class Builder {
    private final String username;
    private ColdStartMode coldStart;
    private Integer performanceReserved;
    private Integer provisioned;
    private Integer sqsScalerReserved;
    private Integer sqsMaximumConcurrency;
    private AccountConcurrency account;

    private Builder(String username) {
      this.username = username;
    }

    /**
     * How the performance function's alias avoids cold starts; default provisioned.
     *
     * @param coldStart the alias's mode
     * @return this builder
     */
    public Builder coldStart(ColdStartMode coldStart) {
      this.coldStart = setOnce("coldStart", this.coldStart, coldStart);
      return this;
    }

    /**
     * The performance function's reserved concurrency; default 50, as the lab.
     *
     * @param reserved the reserved concurrency
     * @return this builder
     */
    public Builder performanceReservedConcurrency(int reserved) {
      this.performanceReserved =
          setOnce("performanceReservedConcurrency", performanceReserved, reserved);
      return this;
    }

    /**
     * Provisioned concurrency on the alias in provisioned mode; default 10, as the lab.
     *
     * @param provisioned the provisioned environments
     * @return this builder
     */
    public Builder provisionedConcurrency(int provisioned) {
      this.provisioned = setOnce("provisionedConcurrency", this.provisioned, provisioned);
      return this;
    }

    /**
     * The SQS function's reserved concurrency; default 100, as the lab.
     *
     * @param reserved the reserved concurrency
     * @return this builder
     */
    public Builder sqsScalerReservedConcurrency(int reserved) {
      this.sqsScalerReserved = setOnce("sqsScalerReservedConcurrency", sqsScalerReserved, reserved);
      return this;
    }

    /**
     * The SQS mapping's MaximumConcurrency; default the SQS function's reserved value.
     *
     * @param maximumConcurrency the mapping's MaximumConcurrency
     * @return this builder
     */
    public Builder sqsMaximumConcurrency(int maximumConcurrency) {
      this.sqsMaximumConcurrency =
          setOnce("sqsMaximumConcurrency", sqsMaximumConcurrency, maximumConcurrency);
      return this;
    }

    /**
     * The account concurrency to respect; default a 1000 limit with nothing reserved.
     *
     * @param account the account's limit and what is reserved elsewhere
     * @return this builder
     */
    public Builder account(AccountConcurrency account) {
      this.account = setOnce("account", this.account, account);
      return this;
    }

    /**
     * Builds and validates the stack.
     *
     * @return the configured instance
     * @throws InvalidStackException listing every name or setting AWS would reject
     */
    public LabStack build() {
      ColdStartMode coldStart = requireNonNullElse(this.coldStart, ColdStartMode.PROVISIONED);
      int performanceReserved = requireNonNullElse(this.performanceReserved, 50);
      int provisioned = requireNonNullElse(this.provisioned, 10);
      int sqsScalerReserved = requireNonNullElse(this.sqsScalerReserved, 100);
      AccountConcurrency account = requireNonNullElse(this.account, AccountConcurrency.DEFAULT);
      String prefix = username + "-";
      String performanceName = prefix + "performance-function";
      Table table =
          new Table(
              prefix + "performance-table",
              PerformanceFunction.TABLE_PARTITION_KEY,
              PerformanceFunction.TABLE_TTL_ATTRIBUTE);

      Map<String, String> performanceEnv = new LinkedHashMap<>();
      performanceEnv.put(LabMetrics.NAMESPACE_VARIABLE, METRICS_NAMESPACE);
      performanceEnv.put(PerformanceFunction.TABLE_NAME_VARIABLE, table.name());
      FunctionSpec performance =
          new FunctionSpec(
              performanceName,
              "dev.perfkit.handlers.PerformanceFunction::handleRequest",
              "High-performance function with scaling optimizations",
              1024,
              300,
              OptionalInt.of(performanceReserved),
              performanceEnv,
              Optional.of(
                  new FunctionAlias(
                      ALIAS, coldStart, coldStart == ColdStartMode.PROVISIONED ? provisioned : 0)));

      Map<String, String> loadTesterEnv = new LinkedHashMap<>();
      loadTesterEnv.put(LabMetrics.NAMESPACE_VARIABLE, METRICS_NAMESPACE);
      loadTesterEnv.put("PERFKIT_TARGET_FUNCTION", performanceName + ":" + ALIAS);
      // The load tester answers 403 for any other target, before IAM would refuse the call.
      loadTesterEnv.put("PERFKIT_ALLOWED_TARGET_FUNCTIONS", performanceName);
      FunctionSpec loadTester =
          new FunctionSpec(
              prefix + "load-tester",
              "dev.perfkit.handlers.LoadTester::handleRequest",
              "Load testing function for performance analysis",
              512,
              900,
              OptionalInt.empty(),
              loadTesterEnv,
              Optional.empty());

      FunctionSpec sqsScaler =
          new FunctionSpec(
              prefix + "sqs-scaler",
              "dev.perfkit.handlers.SqsScaler::handleRequest",
              "High-throughput SQS message processor",
              256,
              60,
              OptionalInt.of(sqsScalerReserved),
              Map.of(LabMetrics.NAMESPACE_VARIABLE, METRICS_NAMESPACE),
              Optional.empty());

      int batchingWindow = 1;
      int fourteenDays = 1_209_600;
      QueueSpec deadLetter =
          new QueueSpec(prefix + "high-throughput-queue-dlq", 30, fourteenDays, Optional.empty());
      QueueSpec queue =
          new QueueSpec(
              prefix + "high-throughput-queue",
              6 * sqsScaler.timeoutSeconds() + batchingWindow,
              fourteenDays,
              Optional.of(new QueueSpec.Redrive(deadLetter, 3)));
      SqsTrigger trigger =
          new SqsTrigger(
              queue.name(),
              sqsScaler.name(),
              10,
              batchingWindow,
              true,
              sqsMaximumConcurrency != null
                  ? sqsMaximumConcurrency
                  : Math.min(sqsScalerReserved, 1000));

      RestApi api =
          new RestApi(
              prefix + "optimized-api",
              "prod",
              "/performance",
              "0.5",
              300,
              List.of(
                  new ApiMethod(
                      "GET",
                      true,
                      true,
                      List.of("operation", "dataSize", "concurrency", "iterations")),
                  new ApiMethod("POST", true, false, List.of())),
              new UsagePlanSpec(
                  prefix + "performance-plan",
                  prefix + "performance-key",
                  500,
                  1000,
                  10_000,
                  QuotaPeriod.DAY));

      return new LabStack(
          username,
          performance,
          loadTester,
          sqsScaler,
          api,
          table,
          queue,
          trigger,
          prefix + "performance-dashboard",
          account);
    }
  }
}
