package dev.perfkit.lab.runner;

import dev.perfkit.lab.local.LabScale;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.FunctionAlias;
import dev.perfkit.lab.stack.FunctionSpec;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.lab.stack.QueueSpec;
import dev.perfkit.lab.stack.RestApi;
import dev.perfkit.lab.stack.UsagePlanSpec;
import dev.perfkit.local.sqs.ScalingRamp;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run does at its scale: the stack the local lab starts (the lab's, with the few settings
 * one machine cannot run as they are), the load each step drives, and each change from the lab's
 * settings in words.
 */
final class RunPlan {

  /** The lab's load test: 20 concurrent, {@code requests} in total, the default operation. */
  static final int LAB_LOAD_CONCURRENCY = 20;

  /** The lab's memory comparison: 10 concurrent, half the requests, cpu_intensive 5000. */
  static final int LAB_MEMORY_CONCURRENCY = 10;

  static final List<Integer> MEMORY_SIZES = List.of(512, 2048);
  static final int CPU_ITERATIONS = 5000;

  /**
   * The SQS function's timeout here, so that poison messages reach the DLQ within about a minute;
   * long enough for a first invocation while the mapping's environments all start at once.
   */
  static final int SQS_TIMEOUT_SECONDS = 3;

  /** A usage plan one local client exceeds within seconds: a twentieth of the lab's rates. */
  static final int API_RATE = 25;

  static final int API_BURST = 50;
  static final int API_QUOTA = 250;

  static final int COLD_ROUNDS = 3;
  static final int WARM_PER_ROUND = 5;
  static final int CACHE_KEYS = 5;
  static final int CACHE_REPEATS = 4;

  final LabStack labStack;
  final LabStack stack;
  final LabScale scale;
  final int requests;
  final int messages;
  final int poisonMessages;
  final int loadConcurrency;
  final int memoryConcurrency;
  final int memoryRequests;
  final int provisioned;
  final int throttleReserved;
  final int throttleCallers;
  final List<String> scaling;

  /**
   * @param why how the scale was chosen, ending a sentence: {@code on this 2-core machine} or
   *     {@code at --scale 0.1}
   */
  RunPlan(
      String username, LabScale scale, String why, int requests, int messages, int poisonMessages) {
    this.labStack = LabStack.forUser(username, ColdStartMode.PROVISIONED);
    this.stack = localStack(labStack);
    this.scale = scale;
    this.requests = requests;
    this.messages = messages;
    this.poisonMessages = poisonMessages;
    this.loadConcurrency = scale.scale(LAB_LOAD_CONCURRENCY, 1);
    this.memoryConcurrency = scale.scale(LAB_MEMORY_CONCURRENCY, 1);
    this.memoryRequests = Math.max(1, requests / 2);
    LabStack scaled = scale.apply(stack);
    this.provisioned =
        scaled.performanceFunction().alias().map(FunctionAlias::provisionedConcurrency).orElse(0);
    this.throttleReserved = provisioned + 1;
    this.throttleCallers = 2 * throttleReserved + 2;

    List<String> lines = new ArrayList<>();
    FunctionSpec labPerformance = labStack.performanceFunction();
    FunctionSpec performance = scaled.performanceFunction();
    change(
        lines,
        "reserved concurrency of " + labPerformance.name(),
        labPerformance.reservedConcurrency().orElse(0),
        performance.reservedConcurrency().orElse(0),
        why);
    change(
        lines,
        "provisioned concurrency on alias " + LabStack.ALIAS,
        labPerformance.alias().map(FunctionAlias::provisionedConcurrency).orElse(0),
        provisioned,
        why);
    change(
        lines,
        "reserved concurrency of " + labStack.sqsScaler().name(),
        labStack.sqsScaler().reservedConcurrency().orElse(0),
        scaled.sqsScaler().reservedConcurrency().orElse(0),
        why);
    change(
        lines,
        "maximum concurrency of the SQS event source mapping",
        labStack.sqsTrigger().maximumConcurrency(),
        scaled.sqsTrigger().maximumConcurrency(),
        why);
    ScalingRamp ramp = scale.sqsRamp();
    change(
        lines,
        "concurrent batches the SQS event source mapping starts with",
        ScalingRamp.LAMBDA.initialConcurrency(),
        ramp.initialConcurrency(),
        why);
    change(
        lines,
        "concurrent batches the SQS event source mapping adds at most a minute",
        ScalingRamp.LAMBDA.addedPerMinute(),
        ramp.addedPerMinute(),
        why);
    change(lines, "load test concurrentRequests", LAB_LOAD_CONCURRENCY, loadConcurrency, why);
    change(
        lines,
        "memory comparison concurrentRequests",
        LAB_MEMORY_CONCURRENCY,
        memoryConcurrency,
        why);
    lines.add(
        "reserved concurrency "
            + performance.reservedConcurrency().orElse(0)
            + " -> "
            + throttleReserved
            + " during the throttling step only, so that "
            + throttleCallers
            + " concurrent callers exceed it without starting a JVM per caller");
    UsagePlanSpec labPlan = labStack.api().usagePlan();
    lines.add(
        "usage plan rate "
            + labPlan.rateLimit()
            + "/s, burst "
            + labPlan.burstLimit()
            + ", quota "
            + labPlan.quotaLimit()
            + " per "
            + labPlan.quotaPeriod()
            + " -> rate "
            + API_RATE
            + "/s, burst "
            + API_BURST
            + ", quota "
            + API_QUOTA
            + " per "
            + labPlan.quotaPeriod()
            + ", so that one local client exceeds each within seconds");
    lines.add(
        "timeout of "
            + labStack.sqsScaler().name()
            + " "
            + labStack.sqsScaler().timeoutSeconds()
            + " s -> "
            + SQS_TIMEOUT_SECONDS
            + " s and the queue's visibility timeout "
            + labStack.queue().visibilityTimeoutSeconds()
            + " s -> "
            + stack.queue().visibilityTimeoutSeconds()
            + " s, so that poison messages"
            + " reach the dead-letter queue after their 3 receives within a minute");
    this.scaling = List.copyOf(lines);
  }

  /** The lab's stack with the settings that do not depend on the machine changed for a run. */
  private static LabStack localStack(LabStack lab) {
    FunctionSpec sqs = lab.sqsScaler();
    FunctionSpec quickSqs =
        new FunctionSpec(
            sqs.name(),
            sqs.handler(),
            sqs.description(),
            sqs.memoryMb(),
            SQS_TIMEOUT_SECONDS,
            sqs.reservedConcurrency(),
            sqs.environment(),
            sqs.alias());
    QueueSpec queue = lab.queue();
    // AWS's rule, which LabStack checks: 6 times the function's timeout plus the batching window.
    int visibility = 6 * SQS_TIMEOUT_SECONDS + lab.sqsTrigger().maximumBatchingWindowSeconds();
    QueueSpec quickQueue =
        new QueueSpec(queue.name(), visibility, queue.messageRetentionSeconds(), queue.redrive());
    RestApi api = lab.api();
    UsagePlanSpec plan = api.usagePlan();
    RestApi localApi =
        new RestApi(
            api.name(),
            api.stageName(),
            api.resourcePath(),
            api.cacheClusterSizeGb(),
            api.cacheTtlSeconds(),
            api.methods(),
            new UsagePlanSpec(
                plan.name(),
                plan.apiKeyName(),
                API_RATE,
                API_BURST,
                API_QUOTA,
                plan.quotaPeriod()));
    return new LabStack(
        lab.username(),
        lab.performanceFunction(),
        lab.loadTester(),
        quickSqs,
        localApi,
        lab.table(),
        quickQueue,
        lab.sqsTrigger(),
        lab.dashboardName(),
        lab.account());
  }

  private static void change(List<String> lines, String what, int lab, int here, String why) {
    if (lab != here) {
      lines.add(what + " " + lab + " -> " + here + " " + why);
    }
  }

  /** The visibility timeout of the queue, for the SQS step's bound. */
  int visibilityTimeoutSeconds() {
    return stack.queue().visibilityTimeoutSeconds();
  }
}
