package dev.perfkit.lab.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.lab.local.LabScale;
import org.junit.jupiter.api.Test;

class RunPlanTest {

  @Test
  void plan_twoCores_saysEachScaledSettingWithTheLabsValue() {
    RunPlan plan =
        new RunPlan("local", LabScale.forProcessors(2), "on this 2-core machine", 100, 500, 5);

    assertThat(plan.scaling)
        .contains(
            "reserved concurrency of local-performance-function 50 -> 10 on this 2-core machine",
            "provisioned concurrency on alias prod 10 -> 2 on this 2-core machine",
            "load test concurrentRequests 20 -> 4 on this 2-core machine",
            "memory comparison concurrentRequests 10 -> 2 on this 2-core machine",
            "concurrent batches the SQS event source mapping starts with 5 -> 1 on this 2-core"
                + " machine",
            "concurrent batches the SQS event source mapping adds at most a minute 300 -> 60 on this"
                + " 2-core machine");
  }

  @Test
  void plan_labScale_changesOnlyWhatAnyLocalClientNeeds() {
    RunPlan plan = new RunPlan("local", LabScale.LAB, "at --scale 1.0", 100, 500, 5);

    assertThat(plan.scaling)
        .noneMatch(line -> line.contains("-> 10 at") || line.startsWith("provisioned concurrency"));
    assertThat(plan.scaling)
        .anyMatch(
            line ->
                line.startsWith(
                    "usage plan rate 500/s, burst 1000,"
                        + " quota 10000 per DAY -> rate 25/s, burst 50, quota 250 per DAY"));
    assertThat(plan.loadConcurrency).isEqualTo(20);
  }

  @Test
  void stack_poisonMessages_reachTheDeadLetterQueueWithinAMinute() {
    RunPlan plan = new RunPlan("local", LabScale.LAB, "at --scale 1.0", 100, 500, 5);

    assertThat(plan.stack.sqsScaler().timeoutSeconds()).isEqualTo(RunPlan.SQS_TIMEOUT_SECONDS);
    // Three receives a visibility timeout apart, as LabStack's AWS rule allows at least.
    assertThat(3 * plan.visibilityTimeoutSeconds()).isLessThanOrEqualTo(60);
    assertThat(plan.stack.queue().redrive().orElseThrow().maxReceiveCount()).isEqualTo(3);
  }

  @Test
  void throttleStep_callersExceedTheLoweredReservedConcurrency() {
    RunPlan plan = new RunPlan("local", new LabScale(0.1), "at --scale 0.1", 10, 30, 3);

    assertThat(plan.throttleReserved).isEqualTo(plan.provisioned + 1);
    assertThat(plan.throttleCallers).isGreaterThan(plan.throttleReserved);
  }
}
