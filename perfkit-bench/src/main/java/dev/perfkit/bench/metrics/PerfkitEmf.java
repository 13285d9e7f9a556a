package dev.perfkit.bench.metrics;

import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsScope;
import dev.perfkit.core.metrics.MetricsSink;
import java.io.PrintStream;

/** perfkit's emitter, built once per function; one scope and one document per invocation. */
final class PerfkitEmf {

  private final MetricsEmitter emitter;

  PerfkitEmf(Invocation setup, PrintStream out) {
    this.emitter =
        MetricsEmitter.builder()
            .namespace(setup.namespace)
            .dimensionSet("FunctionName")
            .dimensionSet("FunctionName", "Operation")
            .defaultDimension("FunctionName", setup.functionName)
            .sink(MetricsSink.of(out))
            .build();
  }

  MetricsScope flush(Invocation in) {
    MetricsScope scope = emitter.newScope();
    scope
        .dimension("Operation", in.operation)
        .property("RequestId", in.requestId)
        .property("ColdStart", in.coldStart)
        .property("MemorySize", in.memorySizeMb)
        .property("FunctionVersion", in.functionVersion);
    if (in.coldStart) {
      scope.put("ColdStarts", 1, MetricUnit.COUNT);
    }
    scope
        .put("BatchProcessingTime", in.batchProcessingTimeMs, MetricUnit.MILLISECONDS)
        .put("RecordsProcessed", (double) in.recordsProcessed, MetricUnit.COUNT)
        .put("ExecutionTime", in.executionTimeMs, MetricUnit.MILLISECONDS)
        .put("RemainingTime", in.remainingTimeMs, MetricUnit.MILLISECONDS)
        .put("MemoryUtilization", in.memoryUtilizationPercent, MetricUnit.PERCENT)
        .put("SuccessfulInvocations", 1, MetricUnit.COUNT);
    scope.flush();
    return scope;
  }
}
