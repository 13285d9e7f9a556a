package dev.perfkit.bench.batch;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.bench.clients.LabTable;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.handlers.PerformanceFunction;
import java.io.OutputStream;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * Records written to DynamoDB (dynalite, started at setup) per second: PerformanceFunction's {@code
 * database_batch} with {@code dataSize} large through {@code handleRequest} (3 batches of 1000
 * records, each in BatchWriteItem chunks of 25, 10 chunks in flight on its 10 workers) vs one
 * PutItem after another. Both use the same {@link ClientRegistry} client; a fresh table per
 * iteration. The score is records per second ({@code @OperationsPerInvocation}).
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar DatabaseBatchBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class DatabaseBatchBenchmark {

  /** Records one {@code database_batch} invocation with {@code dataSize} large writes. */
  static final int LARGE_RECORDS = 3 * 1000;

  /** Dynalite, the registry, and the function's 10 workers, for the whole run. */
  @State(Scope.Benchmark)
  public static class Dynamo {
    LabTable lab;
    ClientRegistry registry;
    DynamoDbClient dynamo;
    ExecutorService workers;
    String table;

    /** Starts dynalite, the registry and the workers. */
    @Setup(Level.Trial)
    public void start() {
      lab = LabTable.start();
      registry = ClientRegistry.builder(lab.environment(null)).build();
      dynamo = registry.client(DynamoDbClient.class);
      workers =
          Executors.newFixedThreadPool(10, DaemonThreadFactory.named("bench-performance-worker"));
    }

    @Setup(Level.Iteration)
    public void createTable() {
      table = lab.create();
    }

    @TearDown(Level.Iteration)
    public void deleteTable() {
      lab.delete(table);
    }

    @TearDown(Level.Trial)
    public void stop() {
      workers.shutdownNow();
      registry.close();
      lab.close();
    }
  }

  /** The function, configured with this iteration's table. */
  @State(Scope.Benchmark)
  public static class Function {
    String body = "{\"operation\": \"database_batch\", \"dataSize\": \"large\"}";
    PerformanceFunction function;
    APIGatewayProxyRequestEvent request;

    @Setup(Level.Iteration)
    public void build(Dynamo dynamo) {
      function =
          new PerformanceFunction(
              PerformanceFunction.Configuration.builder(
                      dynamo.lab.environment(dynamo.table), dynamo.registry)
                  .metricsSink(MetricsSink.of(OutputStream.nullOutputStream()))
                  .executor(dynamo.workers)
                  .build());
      request = new APIGatewayProxyRequestEvent().withHttpMethod("POST").withBody(body);
    }
  }

  /** The record's fields besides its random id. */
  @State(Scope.Thread)
  public static class RecordFields {
    int batchId = 0;
    int index = 7;
  }

  @Benchmark
  @OperationsPerInvocation(LARGE_RECORDS)
  public APIGatewayProxyResponseEvent databaseBatch(Function function) {
    return Writes.databaseBatch(function.function, function.request);
  }

  @Benchmark
  public PutItemResponse sequentialPutItem(Dynamo dynamo, RecordFields record) {
    return Writes.putItem(
        dynamo.dynamo, dynamo.table, LabTable.record(record.batchId, record.index, Instant.now()));
  }
}
