package dev.perfkit.lab.tune;

import static dev.perfkit.lab.tune.TuneTestSupport.environmentJvms;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.handlers.LoadTester;
import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.lab.local.LabTestSupport;
import dev.perfkit.lab.tune.TuneTestSupport.EnvironmentJvm;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.testing.SharedTestSupport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Tuning functions of a local Lambda: real environment JVMs, over the Lambda API. */
class MemoryTunerLocalIT {

  private static LocalLambda lambda;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    client = LabTestSupport.lambdaClient(lambda.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
  }

  @Test
  void run_threeSizes_reportsEverySizeWithOneColdStartEach() {
    lambda.deploy(probe("tuned").memoryMb(1024).build());

    TuningReport report =
        MemoryTuner.builder(client, "tuned")
            .memorySizes(List.of(256, 512, 384))
            .invocations(3)
            .build()
            .run();

    assertThat(report.sizes()).extracting(SizeResult::memoryMb).containsExactly(256, 512, 384);
    assertThat(report.sizes())
        .allSatisfy(
            size -> {
              assertThat(size.successful())
                  .as("successful at %d MB: %s", size.memoryMb(), size.firstError())
                  .isEqualTo(3);
              assertThat(size.coldStarts())
                  .as("cold starts at %d MB", size.memoryMb())
                  .isEqualTo(1);
              assertThat(size.p50Ms()).isPositive().isLessThanOrEqualTo(size.p95Ms());
              assertThat(size.p95Ms()).isLessThanOrEqualTo(size.p99Ms());
              assertThat(size.costPerMillionX86())
                  .isGreaterThan(Pricing.X86_64.perMillionRequests());
            });
    assertThat(List.of(report.cheapestMb(), report.fastestMb(), report.balancedMb()))
        .allSatisfy(choice -> assertThat(choice).isIn(256, 512, 384));
    assertThat(report.local()).isTrue();
    assertThat(report.architecture()).isIn("x86_64", "arm64");
    assertThat(report.notes()).contains(TuningReport.LOCAL_NOTE);
    assertThat(lambda.functionConfiguration("tuned").memoryMb())
        .as("memory size restored")
        .isEqualTo(1024);
  }

  @Test
  void run_memoryChange_restartsTheEnvironmentWithTheNewSizeAndHeap() {
    lambda.deploy(probe("restarted").build());
    Map<Integer, List<EnvironmentJvm>> seen = new LinkedHashMap<>();
    TuningListener recorder =
        new TuningListener() {
          @Override
          public void sizeFinished(SizeResult result) {
            int size = result.memoryMb();
            eventually(
                Duration.ofSeconds(10),
                () ->
                    environmentJvms("restarted").stream().allMatch(jvm -> jvm.memoryMb() == size));
            seen.put(size, environmentJvms("restarted"));
          }
        };

    MemoryTuner.builder(client, "restarted")
        .memorySizes(List.of(256, 1024))
        .invocations(2)
        .listener(recorder)
        .build()
        .run();

    List<EnvironmentJvm> small = seen.get(256);
    List<EnvironmentJvm> large = seen.get(1024);
    assertThat(small).hasSize(1).allSatisfy(jvm -> assertThat(jvm.memoryMb()).isEqualTo(256));
    assertThat(large).hasSize(1).allSatisfy(jvm -> assertThat(jvm.memoryMb()).isEqualTo(1024));
    assertThat(large.get(0).pid()).isNotEqualTo(small.get(0).pid());
    assertThat(heapMb(large.get(0))).isGreaterThan(heapMb(small.get(0)));
    assertThat(heapMb(large.get(0))).isLessThanOrEqualTo(1024);
  }

  @Test
  void run_throughTheLoadTester_reportsEverySizeOfThePerformanceFunction() {
    List<String> sizesStarted = new ArrayList<>();
    lambda.deploy(
        FunctionConfig.builder(
                "performance",
                PerformanceFunction.class.getName() + "::handleRequest",
                SharedTestSupport.testClasspath())
            .memoryMb(512)
            .timeout(Duration.ofSeconds(30))
            .build());
    lambda.deploy(
        FunctionConfig.builder(
                "load-tester",
                LoadTester.class.getName() + "::handleRequest",
                SharedTestSupport.testClasspath())
            .memoryMb(512)
            .timeout(Duration.ofSeconds(120))
            .environmentVariable("AWS_ENDPOINT_URL_LAMBDA", lambda.endpoint().toString())
            .build());

    TuningReport report =
        MemoryTuner.builder(client, "performance")
            .memorySizes(List.of(256, 1024))
            .payload("{\"operation\": \"cpu_intensive\", \"iterations\": 1000}")
            .invocations(4)
            .concurrency(2)
            .loadTester("load-tester")
            .listener(
                new TuningListener() {
                  @Override
                  public void sizeStarted(int memoryMb, int index, int sizes) {
                    sizesStarted.add(index + "/" + sizes + " " + memoryMb);
                  }
                })
            .build()
            .run();

    assertThat(sizesStarted).containsExactly("1/2 256", "2/2 1024");
    assertThat(report.sizes()).extracting(SizeResult::memoryMb).containsExactly(256, 1024);
    assertThat(report.sizes())
        .allSatisfy(
            size -> {
              assertThat(size.successful())
                  .as("successful at %d MB: %s", size.memoryMb(), size.firstError())
                  .isEqualTo(4);
              assertThat(size.coldStarts()).as("not visible through the load tester").isNull();
              assertThat(size.p95Ms()).isPositive();
            });
    assertThat(report.durationSource()).contains("load tester load-tester");
    assertThat(lambda.functionConfiguration("performance").memoryMb()).isEqualTo(512);
  }

  @Test
  void run_unknownFunction_throwsResourceNotFound() {
    MemoryTuner tuner =
        MemoryTuner.builder(client, "no-such-function").memorySizes(List.of(512)).build();

    assertThatThrownBy(tuner::run)
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("no-such-function");
  }

  @Test
  void run_functionFailsAtEverySize_reportsTheFailuresAndNoChoice() {
    lambda.deploy(probe("failing").build());

    TuningReport report =
        MemoryTuner.builder(client, "failing")
            .memorySizes(List.of(256, 512))
            .payload("{\"fail\": \"always\"}")
            .invocations(2)
            .build()
            .run();

    assertThat(report.sizes())
        .allSatisfy(
            size -> {
              assertThat(size.failed()).isEqualTo(2);
              assertThat(size.p95Ms()).isNull();
              assertThat(size.firstError())
                  .isEqualTo("function error (Unhandled): java.lang.IllegalStateException: always");
            });
    assertThat(report.cheapestMb()).isNull();
    assertThat(report.toTable()).contains("No size had a successful invocation");
  }

  private static int heapMb(EnvironmentJvm jvm) {
    return Integer.parseInt(jvm.xmx().replaceAll("[^0-9]", ""));
  }
}
