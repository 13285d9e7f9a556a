package dev.perfkit.bench.metrics;

import dev.perfkit.bench.LogOutput;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The EMF flush of one PerformanceFunction invocation ({@link Invocation}: 7 metrics, 2 dimension
 * sets, 4 properties) written to a {@link java.io.PrintStream} that counts bytes: perfkit's
 * emitter, aws-embedded-metrics' {@code MetricsLogger}, Powertools' {@code Metrics}, and the lab's
 * one document per metric. {@code -prof gc} adds the bytes allocated per invocation ({@code
 * gc.alloc.rate.norm}), {@code -prof dev.perfkit.bench.LogBytesProfiler} the bytes of log written
 * per invocation ({@code log.bytes.norm}).
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar EmfFlushBenchmark \
 *     -prof gc -prof dev.perfkit.bench.LogBytesProfiler
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class EmfFlushBenchmark {

  /** perfkit's emitter, built once as a handler builds it. */
  @State(Scope.Thread)
  public static class Perfkit {
    PerfkitEmf emf;

    @Setup
    public void setUp(Invocation invocation, LogOutput log) {
      emf = new PerfkitEmf(invocation, log.stream());
    }
  }

  /** aws-embedded-metrics' Lambda environment, resolved once. */
  @State(Scope.Thread)
  public static class EmbeddedMetrics {
    EmbeddedMetricsEmf emf;

    @Setup
    public void setUp(LogOutput log) {
      emf = new EmbeddedMetricsEmf(log.stream());
    }
  }

  /** Powertools' metrics, configured once (a JVM-wide singleton: one per fork). */
  @State(Scope.Thread)
  public static class Powertools {
    PowertoolsEmf emf;

    @Setup
    public void setUp(Invocation invocation, LogOutput log) {
      emf = new PowertoolsEmf(invocation, log.stream());
    }
  }

  /** The lab's put_custom_metric, ported. */
  @State(Scope.Thread)
  public static class Lab {
    LabEmf emf;

    @Setup
    public void setUp(LogOutput log) {
      emf = new LabEmf(log.stream());
    }
  }

  @Benchmark
  public Object perfkit(Perfkit state, Invocation invocation) {
    return state.emf.flush(invocation);
  }

  @Benchmark
  public Object awsEmbeddedMetrics(EmbeddedMetrics state, Invocation invocation) {
    return state.emf.flush(invocation);
  }

  @Benchmark
  public Object powertools(Powertools state, Invocation invocation) {
    return state.emf.flush(invocation);
  }

  @Benchmark
  public LabEmf lab(Lab state, Invocation invocation) {
    state.emf.flush(invocation);
    return state.emf;
  }
}
