package dev.perfkit.lab.runner;

import dev.perfkit.core.load.LoadGenerator;
import dev.perfkit.core.load.Outcome;
import dev.perfkit.lab.report.LabResults;
import dev.perfkit.lab.report.LabResults.Latency;
import dev.perfkit.lab.runner.PerSecond.Answer;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.lambda.LocalLambdaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Task 2: cold against warm, provisioned against on-demand, throttling at reserved concurrency. */
final class ConcurrencySteps {

  private static final String DEFAULT = "{\"operation\": \"default\"}";

  /** Holds an environment about 100 ms: one task of the lab's 100 ms simulated I/O. */
  private static final String HOLD =
      "{\"operation\": \"concurrent_processing\", \"concurrency\": 1}";

  private static final Duration THROTTLE_PHASE = Duration.ofSeconds(4);

  private final RunContext run;

  ConcurrencySteps(RunContext run) {
    this.run = run;
  }

  /**
   * Rounds of: the alias's environments provisioned afresh; a new {@code $LATEST} environment
   * forced as on AWS (UpdateFunctionConfiguration retires idle environments), its first invocation
   * and the warm ones after it; then a first invocation of a provisioned environment.
   */
  /** Changed each round of cold starts, so that the function's configuration changes. */
  static final String COLD_ROUND_VARIABLE = "PERFKIT_COLD_START_ROUND";

  LabResults.ColdStarts coldStarts() {
    LocalLambda lambda = run.lab().lambda();
    String function = run.lab().stack().performanceFunction().name();
    List<Double> onDemand = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    List<Double> provisioned = new ArrayList<>();
    long onDemandCold = 0;
    long provisionedCold = 0;
    int perRound = 1 + RunPlan.WARM_PER_ROUND + 1;
    try (ProgressBar bar =
        run.console()
            .bar("cold, warm and provisioned invocations", (long) RunPlan.COLD_ROUNDS * perRound)) {
      int done = 0;
      for (int round = 0; round < RunPlan.COLD_ROUNDS; round++) {
        // Provisioned first, as on AWS, where they are ready long before the traffic: the
        // on-demand part of the round runs while they wait.
        lambda.putProvisionedConcurrency(function, LabStack.ALIAS, run.plan().provisioned);
        // As on AWS, a changed configuration (not an identical one) gives new environments.
        lambda.updateFunctionConfiguration(
            lambda.functionConfiguration(function).toBuilder()
                .environmentVariable(COLD_ROUND_VARIABLE, Integer.toString(round))
                .build());
        Calls.Invoked first = ok(run.calls().invokePerformance(Optional.empty(), DEFAULT));
        onDemand.add(first.millis());
        onDemandCold += first.coldStart().orElse(false) ? 1 : 0;
        bar.update(++done);
        for (int i = 0; i < RunPlan.WARM_PER_ROUND; i++) {
          warm.add(ok(run.calls().invokePerformance(Optional.empty(), DEFAULT)).millis());
          bar.update(++done);
        }
        Calls.Invoked ready =
            ok(run.calls().invokePerformance(Optional.of(LabStack.ALIAS), DEFAULT));
        provisioned.add(ready.millis());
        provisionedCold += ready.coldStart().orElse(false) ? 1 : 0;
        bar.update(++done);
      }
    }
    LabResults.ColdStarts result =
        new LabResults.ColdStarts(
            RunPlan.COLD_ROUNDS,
            onDemand,
            warm,
            provisioned,
            onDemandCold,
            provisionedCold,
            Latency.ofMillis(onDemand),
            Latency.ofMillis(warm),
            Latency.ofMillis(provisioned));
    run.console()
        .line(
            String.format(
                Locale.ROOT,
                "cold start median %.0f ms, warm median %.1f ms, provisioned first invocation median"
                    + " %.1f ms (cold_start reported: on-demand %d of %d, provisioned %d of %d)",
                result.onDemandFirst().p50Ms(),
                result.warm().p50Ms(),
                result.provisionedFirst().p50Ms(),
                onDemandCold,
                onDemand.size(),
                provisionedCold,
                provisioned.size()));
    return result;
  }

  /**
   * Reserved concurrency lowered to just above the provisioned environments, and twice what it
   * allows driven at the alias for a few seconds: invocations beyond it are 429s.
   */
  LabResults.Throttling reservedThrottling() {
    LocalLambda lambda = run.lab().lambda();
    String function = run.lab().stack().performanceFunction().name();
    FunctionConfig original = lambda.functionConfiguration(function);
    int reserved = run.plan().throttleReserved;
    // Each invocation holds its environment about 100 ms: 10 per second per environment.
    double offered = 2 * reserved * 10.0;
    long planned = (long) (offered * THROTTLE_PHASE.toSeconds());
    PerSecond seconds = new PerSecond(run.ticker());
    lambda.updateFunctionConfiguration(original.toBuilder().reservedConcurrency(reserved).build());
    try (ProgressBar bar =
        run.console().bar("throttle: " + (int) offered + " invocations/s", planned)) {
      LoadGenerator.builder()
          .totalRequests(planned)
          .concurrency(run.plan().throttleCallers)
          .targetRps(offered)
          .progress(1, progress -> bar.update(progress.completed()))
          .build()
          .run(id -> invoke(seconds));
    } finally {
      lambda.updateFunctionConfiguration(original);
    }
    LabResults.Throttling result =
        new LabResults.Throttling(
            "reserved concurrency " + reserved,
            String.format(
                Locale.ROOT,
                "%.0f invocations/s of alias %s for %d s, at most %d at once",
                offered,
                LabStack.ALIAS,
                THROTTLE_PHASE.toSeconds(),
                run.plan().throttleCallers),
            seconds.total(Answer.SUCCEEDED),
            seconds.total(Answer.THROTTLED),
            0,
            seconds.total(Answer.FAILED),
            seconds.seconds());
    run.console()
        .line(
            result.succeeded()
                + " succeeded, "
                + result.throttled()
                + " throttled (429 TooManyRequestsException) at reserved concurrency "
                + reserved);
    return result;
  }

  private Outcome invoke(PerSecond seconds) {
    try {
      Calls.Invoked answer = run.calls().invokePerformance(Optional.of(LabStack.ALIAS), HOLD);
      if (answer.statusCode() == 200) {
        seconds.count(Answer.SUCCEEDED);
        return Outcome.success();
      }
      seconds.count(Answer.FAILED);
      return Outcome.failure("status " + answer.statusCode() + ": " + answer.body());
    } catch (LocalLambdaException e) {
      if (e.statusCode() == 429) {
        seconds.count(Answer.THROTTLED);
        return Outcome.throttled();
      }
      seconds.count(Answer.FAILED);
      return Outcome.failure(e.errorCode() + ": " + e.getMessage());
    } catch (IllegalStateException e) {
      seconds.count(Answer.FAILED);
      return Outcome.failure(e.getMessage());
    }
  }

  private static Calls.Invoked ok(Calls.Invoked invoked) {
    if (invoked.statusCode() != 200) {
      throw new IllegalStateException(
          "the performance function answered " + invoked.statusCode() + ": " + invoked.body());
    }
    return invoked;
  }
}
