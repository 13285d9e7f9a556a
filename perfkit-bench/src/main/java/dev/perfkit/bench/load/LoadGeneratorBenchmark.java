package dev.perfkit.bench.load;

import dev.perfkit.core.load.LoadGenerator;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.core.load.Outcome;
import dev.perfkit.core.load.Target;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The most requests per second a load generator sends, 20 in flight, to an in-process target that
 * answers at once: perfkit's closed-loop {@link LoadGenerator} vs the lab's batch-and-sleep loop
 * ({@link LabLoadLoop}: a new pool per batch of 20, wait for the batch, sleep 100 ms). Each
 * operation is one run of {@value #REQUESTS} requests, report included; the score is requests per
 * second ({@code @OperationsPerInvocation}).
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar LoadGeneratorBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class LoadGeneratorBenchmark {

  /** Requests per run: 10 of the lab's batches of 20. */
  static final int REQUESTS = 200;

  /** perfkit's generator, built once. */
  @State(Scope.Benchmark)
  public static class Perfkit {
    int concurrency = 20;
    int requests = REQUESTS;
    LoadGenerator generator;
    Target target;

    @Setup
    public void build() {
      generator = LoadGenerator.builder().totalRequests(requests).concurrency(concurrency).build();
      target = requestId -> Outcome.success();
    }
  }

  /** The lab's loop, ported. */
  @State(Scope.Benchmark)
  public static class Lab {
    int concurrentRequests = 20;
    int totalRequests = REQUESTS;
    LabLoadLoop loop;
    LabLoadLoop.Invoke target;

    @Setup
    public void build() {
      loop = new LabLoadLoop(concurrentRequests, totalRequests);
      target = requestId -> 200;
    }
  }

  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public LoadReport loadGenerator(Perfkit perfkit) {
    return perfkit.generator.run(perfkit.target);
  }

  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public LabLoadLoop.Report labLoop(Lab lab) throws InterruptedException {
    return lab.loop.run(lab.target);
  }
}
