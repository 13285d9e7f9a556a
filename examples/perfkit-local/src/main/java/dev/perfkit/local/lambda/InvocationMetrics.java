package dev.perfkit.local.lambda;

import dev.perfkit.local.cloudwatch.LambdaInvocation;
import dev.perfkit.local.cloudwatch.LambdaMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code AWS/Lambda} metrics of the invocations as they run, published to a local CloudWatch's
 * {@link LambdaMetrics}: a throttle per invocation refused with 429, the function's concurrent
 * executions when one starts, provisioned concurrency in use when one lands on a provisioned
 * environment, and the invocation's result with its duration as its {@code REPORT} line states it.
 * Without a sink it only admits and releases.
 */
final class InvocationMetrics {

  private static final Pattern REPORT_DURATION =
      Pattern.compile("REPORT RequestId: (\\S+)\tDuration: ([0-9.]+) ms");

  private final Optional<LambdaMetrics> metrics;
  private final Host host;
  private final ConcurrentHashMap<String, AtomicInteger> executing = new ConcurrentHashMap<>();

  InvocationMetrics(Optional<LambdaMetrics> metrics, Host host) {
    this.metrics = metrics;
    this.host = host;
  }

  /**
   * Counts the invocation against the function's concurrency ({@link LambdaFunction#acquire()}).
   *
   * @throws LocalLambdaException when Lambda refuses it; a 429 is published as a throttle
   */
  Admitted admit(LambdaFunction function, LambdaFunction.Target target) {
    Optional<String> qualifier = qualifier(target);
    Instant at = host.clock().instant();
    try {
      function.acquire();
    } catch (LocalLambdaException e) {
      if (e.statusCode() == 429) {
        metrics.ifPresent(sink -> sink.throttle(function.name, qualifier, at));
      }
      throw e;
    }
    int concurrent =
        executing.computeIfAbsent(function.name, name -> new AtomicInteger()).incrementAndGet();
    metrics.ifPresent(sink -> sink.concurrency(function.name, qualifier, concurrent, at));
    return new Admitted(function, target, qualifier, at, host.ticker().read());
  }

  /** Publishes an event an asynchronous invocation queued. */
  void eventReceived(LambdaFunction function, LambdaFunction.Target target) {
    metrics.ifPresent(
        sink -> sink.asyncEventReceived(function.name, qualifier(target), host.clock().instant()));
  }

  /** The alias or version the caller named; empty for {@code $LATEST}. */
  private static Optional<String> qualifier(LambdaFunction.Target target) {
    if (target.alias().isPresent()) {
      return Optional.of(target.alias().get().name);
    }
    String version = target.version().id;
    return version.equals(LambdaFunction.LATEST) ? Optional.empty() : Optional.of(version);
  }

  /** One invocation admitted to run, until it is released. */
  final class Admitted {
    private final LambdaFunction function;
    private final LambdaFunction.Target target;
    private final Optional<String> qualifier;
    private final Instant start;
    private final long startNanos;
    private LambdaInvocation.Capacity capacity = LambdaInvocation.Capacity.STANDARD;
    private String provisionedKey;

    private Admitted(
        LambdaFunction function,
        LambdaFunction.Target target,
        Optional<String> qualifier,
        Instant start,
        long startNanos) {
      this.function = function;
      this.target = target;
      this.qualifier = qualifier;
      this.start = start;
      this.startNanos = startNanos;
    }

    /** Notes the environment the invocation landed on: provisioned, spillover or standard. */
    void placed(ExecutionEnvironment environment) {
      Optional<FunctionAliases.Alias> alias = target.alias();
      int allocated = alias.map(a -> a.provisioned).orElse(0);
      if (alias.isEmpty() || allocated == 0) {
        return;
      }
      if (!ExecutionEnvironment.PROVISIONED.equals(environment.initializationType)) {
        capacity = LambdaInvocation.Capacity.SPILLOVER;
        return;
      }
      capacity = LambdaInvocation.Capacity.PROVISIONED;
      provisionedKey = function.name + ":" + alias.get().name;
      int busy =
          executing.computeIfAbsent(provisionedKey, key -> new AtomicInteger()).incrementAndGet();
      // Environments of a replaced generation may still finish: utilization stays at most 1.
      metrics.ifPresent(
          sink ->
              sink.provisionedConcurrency(
                  function.name,
                  alias.get().name,
                  Math.min(busy, allocated),
                  allocated,
                  host.clock().instant()));
    }

    /** Publishes the invocation's result. */
    void ran(Invocation invocation, Invocation.Outcome outcome) {
      Duration measured = Duration.ofNanos(host.ticker().read() - startNanos);
      metrics.ifPresent(
          sink ->
              sink.invocation(
                  new LambdaInvocation(
                      function.name,
                      qualifier,
                      target.version().id,
                      start,
                      reportedDuration(invocation, outcome).orElse(measured),
                      outcome.failed(),
                      capacity)));
    }

    /** Releases the invocation's concurrency ({@link LambdaFunction#release()}). */
    void release() {
      function.release();
      executing.get(function.name).decrementAndGet();
      if (provisionedKey != null) {
        executing.get(provisionedKey).decrementAndGet();
      }
    }
  }

  /** The duration of the invocation's {@code REPORT} line, at the end of its log tail. */
  private static Optional<Duration> reportedDuration(
      Invocation invocation, Invocation.Outcome outcome) {
    Matcher report = REPORT_DURATION.matcher(new String(outcome.logTail(), StandardCharsets.UTF_8));
    Optional<Duration> duration = Optional.empty();
    while (report.find()) {
      if (report.group(1).equals(invocation.requestId)) {
        duration =
            Optional.of(Duration.ofNanos(Math.round(Double.parseDouble(report.group(2)) * 1e6)));
      }
    }
    return duration;
  }
}
