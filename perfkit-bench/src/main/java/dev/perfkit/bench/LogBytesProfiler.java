package dev.perfkit.bench;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Bytes printed to {@link LogOutput} per benchmark operation, reported as {@code log.bytes.norm}
 * the way {@code -prof gc} reports {@code gc.alloc.rate.norm}: {@code -prof
 * dev.perfkit.bench.LogBytesProfiler}. A benchmark that prints nothing gets no figure.
 *
 * <p>JMH runs the profiler inside the benchmark's JVM and offers it no handle on the benchmark's
 * state, so the count is JVM-wide.
 */
public final class LogBytesProfiler implements InternalProfiler {

  private static final LongAdder BYTES = new LongAdder();

  private long before;

  static void record(long bytes) {
    BYTES.add(bytes);
  }

  @Override
  public String getDescription() {
    return "Bytes printed to LogOutput per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before = BYTES.sum();
  }

  // InternalProfiler declares the raw Result type; an override must repeat it.
  @SuppressWarnings("rawtypes")
  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long bytes = BYTES.sum() - before;
    long operations = result.getMetadata().getAllOps();
    if (bytes == 0 || operations == 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult(
            "log.bytes.norm", (double) bytes / operations, "B/op", AggregationPolicy.AVG));
  }
}
