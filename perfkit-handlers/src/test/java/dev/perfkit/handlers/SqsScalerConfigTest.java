package dev.perfkit.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.core.Environment;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqsScalerConfigTest {

  @Test
  void fromEnvironment_nothingSet_usesTheLabsDefaults() {
    SqsScalerConfig config = SqsScalerConfig.fromEnvironment(Environment.of(Map.of()));

    assertThat(config.namespace()).isEqualTo("HighPerformance");
    assertThat(config.workPerMessage()).isEqualTo(Duration.ofMillis(10));
    assertThat(((ThreadPoolExecutor) config.executor()).getMaximumPoolSize()).isEqualTo(10);
    assertThat(config.functionName()).isEmpty();
  }

  @Test
  void fromEnvironment_variablesSet_readsEachOfThem() {
    SqsScalerConfig config =
        SqsScalerConfig.fromEnvironment(
            Environment.of(
                Map.of(
                    "PERFKIT_NAMESPACE", "Perfkit/Sqs",
                    "PERFKIT_SQS_WORK_MS", "0",
                    "PERFKIT_SQS_PARALLELISM", "4",
                    "AWS_LAMBDA_FUNCTION_NAME", "alice-sqs-scaler")));

    assertThat(config.namespace()).isEqualTo("Perfkit/Sqs");
    assertThat(config.workPerMessage()).isZero();
    assertThat(((ThreadPoolExecutor) config.executor()).getMaximumPoolSize()).isEqualTo(4);
    assertThat(config.functionName()).contains("alice-sqs-scaler");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ten", "-1", "60001", "1.5"})
  void fromEnvironment_workOutOfRange_namesTheVariableAndRange(String value) {
    Environment environment = Environment.of(Map.of("PERFKIT_SQS_WORK_MS", value));

    assertThatThrownBy(() -> SqsScalerConfig.fromEnvironment(environment))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "PERFKIT_SQS_WORK_MS must be a whole number from 0 to 60000 (milliseconds),"
                + " was '"
                + value
                + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "many"})
  void fromEnvironment_parallelismOutOfRange_namesTheVariableAndRange(String value) {
    Environment environment = Environment.of(Map.of("PERFKIT_SQS_PARALLELISM", value));

    assertThatThrownBy(() -> SqsScalerConfig.fromEnvironment(environment))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "PERFKIT_SQS_PARALLELISM must be a whole number from 1 to 100 (threads),"
                + " was '"
                + value
                + "'");
  }

  @Test
  void fromEnvironment_reservedNamespace_namesTheVariable() {
    Environment environment = Environment.of(Map.of("PERFKIT_NAMESPACE", "AWS/Lambda"));

    assertThatThrownBy(() -> SqsScalerConfig.fromEnvironment(environment))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("PERFKIT_NAMESPACE: ")
        .hasMessageContaining("AWS/");
  }

  @Test
  void builder_defaultPool_runsTasksOnDaemonThreads() throws Exception {
    Executor executor = SqsScalerConfig.builder().parallelism(2).build().executor();

    CompletableFuture<Thread> ranOn =
        CompletableFuture.supplyAsync(Thread::currentThread, executor);

    Thread thread = ranOn.get(10, TimeUnit.SECONDS);
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).startsWith("perfkit-sqs-");
  }

  @Test
  void builder_executorAfterParallelism_isRejected() {
    SqsScalerConfig.Builder builder = SqsScalerConfig.builder().parallelism(2);

    assertThatThrownBy(() -> builder.executor(Runnable::run))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("parallelism was already set; an executor brings its own");
  }

  @Test
  void builder_optionSetTwice_isRejected() {
    SqsScalerConfig.Builder builder = SqsScalerConfig.builder().workPerMessage(Duration.ZERO);

    assertThatThrownBy(() -> builder.workPerMessage(Duration.ofMillis(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("workPerMessage was already set");
  }

  @Test
  void builder_negativeWork_isRejectedWithTheRange() {
    assertThatThrownBy(() -> SqsScalerConfig.builder().workPerMessage(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workPerMessage must be from 0 to 60000 ms, was PT-0.001S");
  }

  @Test
  void constructor_blankFunctionName_meansTakeItFromTheContext() {
    SqsScalerConfig defaults = SqsScalerConfig.builder().executor(Runnable::run).build();

    SqsScalerConfig config =
        new SqsScalerConfig(
            defaults.namespace(),
            defaults.workPerMessage(),
            defaults.sleeper(),
            defaults.executor(),
            defaults.sink(),
            defaults.clock(),
            defaults.ticker(),
            Optional.of(" "),
            defaults.coldStarts());

    assertThat(config.functionName()).isEmpty();
  }
}
