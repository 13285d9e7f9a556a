package dev.perfkit.lab.local;

import dev.perfkit.lab.stack.FunctionAlias;
import dev.perfkit.lab.stack.FunctionSpec;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.lab.stack.SqsTrigger;
import dev.perfkit.local.sqs.ScalingRamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How much of the lab's concurrency one machine runs. Every execution environment of the local
 * Lambda is a JVM, so the lab's settings (reserved 50 and provisioned 10 on the performance
 * function, reserved 100 and a mapping concurrency of 100 on the SQS function) are heavy on a
 * laptop: a factor below 1 multiplies each of them, rounding up and keeping each valid (provisioned
 * at least 1, reserved at least the provisioned value, mapping concurrency 2 to the SQS function's
 * reserved value). The mapping's scaling ramp (Lambda's five concurrent batches to start, then up
 * to 300 more a minute) is scaled by the same factor, so that the mapping takes as long as on
 * Lambda to reach its maximum concurrency.
 *
 * @param factor the multiplier, above 0 and at most 1; 1 runs the lab's settings unchanged
 */
public record LabScale(double factor) {

  /** The lab's settings unchanged. */
  public static final LabScale LAB = new LabScale(1);

  /** Validates the factor. */
  public LabScale {
    if (!(factor > 0 && factor <= 1)) {
      throw new IllegalArgumentException(
          "scale must be above 0 and at most 1 (1 = the lab's settings), was " + factor);
    }
  }

  /**
   * The scale for a machine with {@code processors} processors: one tenth of the lab per processor,
   * the lab itself from 10 up (0.2 on 2 cores: provisioned 2, reserved 10).
   */
  public static LabScale forProcessors(int processors) {
    if (processors < 1) {
      throw new IllegalArgumentException("processors must be 1 or more, was " + processors);
    }
    return new LabScale(Math.min(1.0, processors / 10.0));
  }

  /** Whether this runs the lab's settings unchanged. */
  public boolean isLab() {
    return factor == 1;
  }

  /** {@code value} times the factor, rounded up, at least {@code minimum}. */
  public int scale(int value, int minimum) {
    return Math.max(minimum, (int) Math.ceil(value * factor - 1e-9));
  }

  /** Lambda's SQS scaling ramp ({@link ScalingRamp#LAMBDA}) times the factor, rounded up. */
  public ScalingRamp sqsRamp() {
    return new ScalingRamp(
        scale(ScalingRamp.LAMBDA.initialConcurrency(), 1),
        scale(ScalingRamp.LAMBDA.addedPerMinute(), 1));
  }

  /**
   * The stack with its concurrency settings scaled: reserved and provisioned concurrency of every
   * function, and the SQS mapping's maximum concurrency. Names and other settings are kept.
   */
  public LabStack apply(LabStack stack) {
    Objects.requireNonNull(stack, "stack");
    if (isLab()) {
      return stack;
    }
    FunctionSpec sqsScaler = scaled(stack.sqsScaler(), 2);
    SqsTrigger trigger = stack.sqsTrigger();
    int mappingConcurrency = scale(trigger.maximumConcurrency(), 2);
    if (sqsScaler.reservedConcurrency().isPresent()) {
      mappingConcurrency = Math.min(mappingConcurrency, sqsScaler.reservedConcurrency().getAsInt());
    }
    SqsTrigger scaledTrigger =
        new SqsTrigger(
            trigger.queueName(),
            trigger.functionName(),
            trigger.batchSize(),
            trigger.maximumBatchingWindowSeconds(),
            trigger.reportBatchItemFailures(),
            mappingConcurrency);
    return new LabStack(
        stack.username(),
        scaled(stack.performanceFunction(), 1),
        scaled(stack.loadTester(), 1),
        sqsScaler,
        stack.api(),
        stack.table(),
        stack.queue(),
        scaledTrigger,
        stack.dashboardName(),
        stack.account());
  }

  /**
   * What {@link #apply} changes in {@code stack}, one line each, e.g. {@code
   * local-performance-function: provisioned concurrency 2 (unscaled: 10)}; empty at scale 1.
   */
  public List<String> changes(LabStack stack) {
    Objects.requireNonNull(stack, "stack");
    LabStack scaled = apply(stack);
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < stack.functions().size(); i++) {
      FunctionSpec before = stack.functions().get(i);
      FunctionSpec after = scaled.functions().get(i);
      if (!before.reservedConcurrency().equals(after.reservedConcurrency())) {
        changes.add(
            before.name()
                + ": reserved concurrency "
                + after.reservedConcurrency().getAsInt()
                + " (unscaled: "
                + before.reservedConcurrency().getAsInt()
                + ")");
      }
      int provisionedBefore = before.alias().map(FunctionAlias::provisionedConcurrency).orElse(0);
      int provisionedAfter = after.alias().map(FunctionAlias::provisionedConcurrency).orElse(0);
      if (provisionedBefore != provisionedAfter) {
        changes.add(
            before.name()
                + ": provisioned concurrency "
                + provisionedAfter
                + " on alias "
                + after.alias().orElseThrow().name()
                + " (unscaled: "
                + provisionedBefore
                + ")");
      }
    }
    if (stack.sqsTrigger().maximumConcurrency() != scaled.sqsTrigger().maximumConcurrency()) {
      changes.add(
          stack.sqsTrigger().queueName()
              + " -> "
              + stack.sqsTrigger().functionName()
              + ": maximum concurrency "
              + scaled.sqsTrigger().maximumConcurrency()
              + " (unscaled: "
              + stack.sqsTrigger().maximumConcurrency()
              + ")");
    }
    if (!isLab()) {
      ScalingRamp ramp = sqsRamp();
      changes.add(
          stack.sqsTrigger().queueName()
              + " -> "
              + stack.sqsTrigger().functionName()
              + ": scaling ramp starts with "
              + ramp.initialConcurrency()
              + " and adds up to "
              + ramp.addedPerMinute()
              + " concurrent batches a minute (unscaled: "
              + ScalingRamp.LAMBDA.initialConcurrency()
              + " and "
              + ScalingRamp.LAMBDA.addedPerMinute()
              + ")");
    }
    return changes;
  }

  private FunctionSpec scaled(FunctionSpec function, int reservedMinimum) {
    Optional<FunctionAlias> alias =
        function
            .alias()
            .map(
                a ->
                    a.provisionedConcurrency() == 0
                        ? a
                        : new FunctionAlias(
                            a.name(), a.coldStart(), scale(a.provisionedConcurrency(), 1)));
    int provisioned = alias.map(FunctionAlias::provisionedConcurrency).orElse(0);
    OptionalInt reserved =
        function.reservedConcurrency().isPresent()
            ? OptionalInt.of(
                Math.max(
                    provisioned, scale(function.reservedConcurrency().getAsInt(), reservedMinimum)))
            : OptionalInt.empty();
    return new FunctionSpec(
        function.name(),
        function.handler(),
        function.description(),
        function.memoryMb(),
        function.timeoutSeconds(),
        reserved,
        function.environment(),
        alias);
  }
}
