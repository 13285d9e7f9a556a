package dev.perfkit.lab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.FunctionAlias;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.local.sqs.ScalingRamp;
import org.junit.jupiter.api.Test;

class LabScaleTest {

  private final LabStack lab = LabStack.forUser("alice", ColdStartMode.PROVISIONED);

  @Test
  void forProcessors_twoCores_isOneFifthOfTheLab() {
    assertThat(LabScale.forProcessors(2).factor()).isEqualTo(0.2);
    assertThat(LabScale.forProcessors(16)).isEqualTo(LabScale.LAB);
  }

  @Test
  void apply_oneFifth_scalesReservedProvisionedAndMappingConcurrency() {
    LabStack scaled = new LabScale(0.2).apply(lab);

    assertThat(scaled.performanceFunction().reservedConcurrency()).hasValue(10);
    assertThat(scaled.performanceFunction().alias())
        .map(FunctionAlias::provisionedConcurrency)
        .hasValue(2);
    assertThat(scaled.sqsScaler().reservedConcurrency()).hasValue(20);
    assertThat(scaled.sqsTrigger().maximumConcurrency()).isEqualTo(20);
    assertThat(scaled.loadTester()).isEqualTo(lab.loadTester());
    assertThat(scaled.performanceFunction().memoryMb()).isEqualTo(1024);
  }

  @Test
  void apply_tinyFactor_keepsEverySettingValid() {
    LabStack scaled = new LabScale(0.001).apply(lab);

    assertThat(scaled.performanceFunction().reservedConcurrency()).hasValue(1);
    assertThat(scaled.performanceFunction().alias())
        .map(FunctionAlias::provisionedConcurrency)
        .hasValue(1);
    assertThat(scaled.sqsScaler().reservedConcurrency()).hasValue(2);
    assertThat(scaled.sqsTrigger().maximumConcurrency()).isEqualTo(2);
  }

  @Test
  void apply_noProvisionedConcurrency_keepsTheAliasWithout() {
    LabStack none = LabStack.forUser("alice", ColdStartMode.NONE);

    assertThat(new LabScale(0.5).apply(none).performanceFunction().alias())
        .map(FunctionAlias::provisionedConcurrency)
        .hasValue(0);
  }

  @Test
  void changes_oneFifth_namesEachScaledSettingWithItsUnscaledValue() {
    assertThat(new LabScale(0.2).changes(lab))
        .containsExactly(
            "alice-performance-function: reserved concurrency 10 (unscaled: 50)",
            "alice-performance-function: provisioned concurrency 2 on alias prod (unscaled: 10)",
            "alice-sqs-scaler: reserved concurrency 20 (unscaled: 100)",
            "alice-high-throughput-queue -> alice-sqs-scaler: maximum concurrency 20"
                + " (unscaled: 100)",
            "alice-high-throughput-queue -> alice-sqs-scaler: scaling ramp starts with 1 and adds"
                + " up to 60 concurrent batches a minute (unscaled: 5 and 300)");
    assertThat(LabScale.LAB.changes(lab)).isEmpty();
  }

  /**
   * Lambda's SQS ramp (services-sqs-scaling: five concurrent batches, then up to 300 more a minute)
   * scaled like the mapping's maximum concurrency, so that it reaches it as fast.
   */
  @Test
  void sqsRamp_oneFifth_isOneThenSixtyAMinute_lambdasAtScaleOne() {
    assertThat(new LabScale(0.2).sqsRamp()).isEqualTo(new ScalingRamp(1, 60));
    assertThat(new LabScale(0.001).sqsRamp()).isEqualTo(new ScalingRamp(1, 1));
    assertThat(LabScale.LAB.sqsRamp()).isEqualTo(ScalingRamp.LAMBDA);
  }

  @Test
  void constructor_factorOutOfRange_namesTheAllowedRange() {
    assertThatThrownBy(() -> new LabScale(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scale must be above 0 and at most 1 (1 = the lab's settings), was 0.0");
    assertThatThrownBy(() -> new LabScale(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LabScale(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
