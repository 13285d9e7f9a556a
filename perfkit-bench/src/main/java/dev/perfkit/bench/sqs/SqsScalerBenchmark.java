package dev.perfkit.bench.sqs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.perfkit.bench.LogOutput;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.core.testing.LambdaTestContext;
import dev.perfkit.handlers.SqsScaler;
import dev.perfkit.handlers.SqsScalerConfig;
import java.time.Duration;
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
 * One {@link SqsScaler} invocation with a batch of 10 messages from a standard queue, 10 ms of
 * simulated I/O per message (the lab's {@code time.sleep(0.01)}): the handler's default, 10
 * messages at once on its pool, vs {@code parallelism(1)}, one after another as the lab's loop. Log
 * lines and the EMF document go to a stream that discards them.
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar SqsScalerBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SqsScalerBenchmark {

  /** The batch, its context, and the work per message. */
  @State(Scope.Benchmark)
  public static class Batch {
    int messages = 10;
    long workMillis = 10;
    SQSEvent event;
    Context context;

    /**
     * Builds the batch and its context.
     *
     * @param log where the context's logger prints
     */
    @Setup
    public void build(LogOutput log) {
      event = SqsBatch.of(messages);
      // Its logger prints, as Lambda's does to standard output, to a stream that discards.
      context = LambdaTestContext.of(SqsBatch.FUNCTION_NAME).loggingTo(log.stream());
    }

    SqsScalerConfig.Builder config(LogOutput log) {
      return SqsScalerConfig.builder()
          .workPerMessage(Duration.ofMillis(workMillis))
          .sink(MetricsSink.of(log.stream()))
          .functionName(SqsBatch.FUNCTION_NAME);
    }
  }

  /** The handler as Lambda builds it: 10 threads for standard queues. */
  @State(Scope.Benchmark)
  public static class Parallel {
    SqsScaler scaler;

    @Setup
    public void build(Batch batch, LogOutput log) {
      scaler = new SqsScaler(batch.config(log).build());
    }
  }

  /** The handler with one thread: the messages one after another. */
  @State(Scope.Benchmark)
  public static class Sequential {
    SqsScaler scaler;

    @Setup
    public void build(Batch batch, LogOutput log) {
      scaler = new SqsScaler(batch.config(log).parallelism(1).build());
    }
  }

  @Benchmark
  public SQSBatchResponse parallel(Parallel handler, Batch batch) {
    return handler.scaler.handleRequest(batch.event, batch.context);
  }

  @Benchmark
  public SQSBatchResponse sequential(Sequential handler, Batch batch) {
    return handler.scaler.handleRequest(batch.event, batch.context);
  }
}
