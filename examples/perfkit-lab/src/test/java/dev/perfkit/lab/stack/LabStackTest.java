package dev.perfkit.lab.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LabStackTest {

  @Test
  void forUser_namesEveryResourceAsTheLab() {
    LabStack stack = LabStack.forUser("user3", ColdStartMode.PROVISIONED);

    assertThat(stack.functions())
        .extracting(FunctionSpec::name)
        .containsExactly("user3-performance-function", "user3-load-tester", "user3-sqs-scaler");
    assertThat(stack.api().name()).isEqualTo("user3-optimized-api");
    assertThat(stack.api().usagePlan().name()).isEqualTo("user3-performance-plan");
    assertThat(stack.api().usagePlan().apiKeyName()).isEqualTo("user3-performance-key");
    assertThat(stack.queue().name()).isEqualTo("user3-high-throughput-queue");
    assertThat(stack.queue().redrive().orElseThrow().deadLetterQueue().name())
        .isEqualTo("user3-high-throughput-queue-dlq");
    assertThat(stack.table().name()).isEqualTo("user3-performance-table");
    assertThat(stack.dashboardName()).isEqualTo("user3-performance-dashboard");
  }

  @Test
  void forUser_givesFunctionsTheLabsSizesAndHandlers() {
    LabStack stack = LabStack.forUser("user3", ColdStartMode.NONE);

    assertThat(stack.functions())
        .extracting(FunctionSpec::handler, FunctionSpec::memoryMb, FunctionSpec::timeoutSeconds)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "dev.perfkit.handlers.PerformanceFunction::handleRequest", 1024, 300),
            org.assertj.core.groups.Tuple.tuple(
                "dev.perfkit.handlers.LoadTester::handleRequest", 512, 900),
            org.assertj.core.groups.Tuple.tuple(
                "dev.perfkit.handlers.SqsScaler::handleRequest", 256, 60));
    assertThat(stack.performanceFunction().reservedConcurrency()).hasValue(50);
    assertThat(stack.loadTester().reservedConcurrency()).isEmpty();
    assertThat(stack.sqsScaler().reservedConcurrency()).hasValue(100);
  }

  @Test
  void forUser_pointsEnvironmentAtTheUsersOwnResources() {
    LabStack stack = LabStack.forUser("user3", ColdStartMode.PROVISIONED);

    assertThat(stack.performanceFunction().environment())
        .containsEntry("PERFKIT_TABLE_NAME", "user3-performance-table")
        .containsEntry("PERFKIT_NAMESPACE", "HighPerformance");
    assertThat(stack.loadTester().environment())
        .containsEntry("PERFKIT_TARGET_FUNCTION", "user3-performance-function:prod")
        .containsEntry("PERFKIT_ALLOWED_TARGET_FUNCTIONS", "user3-performance-function");
    assertThat(stack.sqsScaler().environment())
        .containsEntry("PERFKIT_NAMESPACE", "HighPerformance");
  }

  @Test
  void forUser_provisioned_putsTenProvisionedEnvironmentsOnProd() {
    FunctionAlias alias =
        LabStack.forUser("user3", ColdStartMode.PROVISIONED)
            .performanceFunction()
            .alias()
            .orElseThrow();

    assertThat(alias).isEqualTo(new FunctionAlias("prod", ColdStartMode.PROVISIONED, 10));
  }

  @ParameterizedTest
  @EnumSource(
      value = ColdStartMode.class,
      names = {"SNAPSTART", "NONE"})
  void forUser_withoutProvisioned_keepsProdWithNoProvisionedConcurrency(ColdStartMode mode) {
    FunctionAlias alias =
        LabStack.forUser("user3", mode).performanceFunction().alias().orElseThrow();

    assertThat(alias).isEqualTo(new FunctionAlias("prod", mode, 0));
  }

  @Test
  void forUser_queueOutlastsSixTimesTheConsumerTimeoutPlusWindow() {
    LabStack stack = LabStack.forUser("user3", ColdStartMode.PROVISIONED);

    assertThat(stack.queue().visibilityTimeoutSeconds())
        .isGreaterThanOrEqualTo(6 * 60 + stack.sqsTrigger().maximumBatchingWindowSeconds());
    assertThat(stack.queue().redrive().orElseThrow().maxReceiveCount()).isEqualTo(3);
  }

  @Test
  void forUser_mappingBatchesTenInOneSecondAndReportsItemFailures() {
    SqsTrigger trigger = LabStack.forUser("user3", ColdStartMode.PROVISIONED).sqsTrigger();

    assertThat(trigger)
        .isEqualTo(
            new SqsTrigger("user3-high-throughput-queue", "user3-sqs-scaler", 10, 1, true, 100));
  }

  @Test
  void forUser_apiCachesGetByOperationParametersAndKeysBothMethods() {
    RestApi api = LabStack.forUser("user3", ColdStartMode.PROVISIONED).api();

    assertThat(api.stageName()).isEqualTo("prod");
    assertThat(api.cacheClusterSizeGb()).isEqualTo("0.5");
    assertThat(api.cacheTtlSeconds()).isEqualTo(300);
    assertThat(api.methods())
        .containsExactly(
            new ApiMethod(
                "GET", true, true, List.of("operation", "dataSize", "concurrency", "iterations")),
            new ApiMethod("POST", true, false, List.of()));
    assertThat(api.usagePlan())
        .extracting(
            UsagePlanSpec::rateLimit,
            UsagePlanSpec::burstLimit,
            UsagePlanSpec::quotaLimit,
            UsagePlanSpec::quotaPeriod)
        .containsExactly(500, 1000, 10_000, QuotaPeriod.DAY);
  }

  @Test
  void build_mappingConcurrencyAboveReserved_saysMessagesWouldReachTheDeadLetterQueue() {
    LabStack.Builder builder = LabStack.builder("user3").sqsMaximumConcurrency(150);

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidStackException.class)
        .hasMessageContaining("MaximumConcurrency 150")
        .hasMessageContaining("reserved concurrency 100")
        .hasMessageContaining("dead-letter queue");
  }

  @Test
  void build_sharedAccountWithLittleLeft_saysHowMuchMayBeReserved() {
    LabStack.Builder builder = LabStack.builder("user7").account(new AccountConcurrency(1000, 800));

    assertThatThrownBy(builder::build)
        .isInstanceOfSatisfying(
            InvalidStackException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "reserved concurrency 150 (user7-performance-function 50,"
                            + " user7-sqs-scaler 100) plus 800 reserved elsewhere would leave 50 of the"
                            + " account's 1000 concurrent executions unreserved; Lambda keeps at least 100"
                            + " unreserved, so this stack may reserve at most 100 (ask for a higher account"
                            + " limit, or lower the reserved values)"));
  }

  @Test
  void build_newAccountWithLimitTen_cannotReserveAnything() {
    LabStack.Builder builder = LabStack.builder("user3").account(new AccountConcurrency(10, 0));

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidStackException.class)
        .hasMessageContaining("may reserve at most 0");
  }

  @Test
  void build_reservedExactlyUpToTheUnreservedMinimum_isAccepted() {
    LabStack stack = LabStack.builder("user3").account(new AccountConcurrency(1000, 750)).build();

    assertThat(stack.account().reservable()).isEqualTo(150);
  }

  @Test
  void build_provisionedAboveReserved_isRejected() {
    LabStack.Builder builder =
        LabStack.builder("user3").performanceReservedConcurrency(5).provisionedConcurrency(10);

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provisioned concurrency 10")
        .hasMessageContaining("reserved concurrency 5");
  }

  @Test
  void constructor_visibilityTimeoutShorterThanSixTimesTimeout_isRejected() {
    LabStack lab = LabStack.forUser("user3", ColdStartMode.NONE);
    QueueSpec shortVisibility =
        new QueueSpec(
            lab.queue().name(), 30, lab.queue().messageRetentionSeconds(), lab.queue().redrive());

    assertThatThrownBy(() -> withQueue(lab, shortVisibility))
        .isInstanceOf(InvalidStackException.class)
        .hasMessageContaining("visibility timeout of user3-high-throughput-queue is 30 s")
        .hasMessageContaining("= 361 s");
  }

  @Test
  void constructor_nameWithoutUsernamePrefix_isRejected() {
    LabStack lab = LabStack.forUser("user3", ColdStartMode.NONE);

    assertThatThrownBy(
            () ->
                new LabStack(
                    lab.username(),
                    lab.performanceFunction(),
                    lab.loadTester(),
                    lab.sqsScaler(),
                    lab.api(),
                    lab.table(),
                    lab.queue(),
                    lab.sqsTrigger(),
                    "performance-dashboard",
                    lab.account()))
        .isInstanceOf(InvalidStackException.class)
        .hasMessageContaining("'performance-dashboard' is not prefixed by 'user3-'");
  }

  @Test
  void alias_snapStartWithProvisionedConcurrency_isRejected() {
    assertThatThrownBy(() -> new FunctionAlias("prod", ColdStartMode.SNAPSTART, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SnapStart and provisioned concurrency cannot both apply");
  }

  @Test
  void function_memoryOutOfRange_namesFieldAndRange() {
    assertThatThrownBy(
            () ->
                new FunctionSpec(
                    "u-f",
                    "a.B::handleRequest",
                    "",
                    64,
                    3,
                    OptionalInt.empty(),
                    java.util.Map.of(),
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memoryMb of u-f is 64: allowed 128 to 10240");
  }

  private static LabStack withQueue(LabStack lab, QueueSpec queue) {
    return new LabStack(
        lab.username(),
        lab.performanceFunction(),
        lab.loadTester(),
        lab.sqsScaler(),
        lab.api(),
        lab.table(),
        queue,
        lab.sqsTrigger(),
        lab.dashboardName(),
        lab.account());
  }

  @Test
  void builder_optionSetTwice_isRefusedNamingTheOption() {
    LabStack.Builder builder = LabStack.builder("user3").provisionedConcurrency(5);

    assertThatThrownBy(() -> builder.provisionedConcurrency(6))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("provisionedConcurrency was already set");
  }
}
