package dev.perfkit.bench.clients;

import dev.perfkit.core.clients.ClientRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;

/**
 * One DynamoDB PutItem of a {@code database_batch} record to dynalite (started at setup): with the
 * {@link ClientRegistry}'s {@code DynamoDbClient} vs with a {@code DynamoDbClient} built and closed
 * per invocation (the SDK's default HTTP client, a new connection each time). Both use static
 * credentials, so the per-invocation client walks no credentials chain.
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar DynamoPutItemBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class DynamoPutItemBenchmark {

  /** Dynalite with one table for the run. */
  @State(Scope.Benchmark)
  public static class Dynamo {
    LabTable lab;
    URI endpoint;
    String table;

    @Setup
    public void start() {
      lab = LabTable.start();
      endpoint = lab.endpoint();
      table = lab.create();
    }

    @TearDown
    public void stop() {
      lab.close();
    }
  }

  /** The registry a function builds once per execution environment, and its client. */
  @State(Scope.Benchmark)
  public static class Registry {
    ClientRegistry registry;
    DynamoDbClient dynamo;

    @Setup
    public void build(Dynamo dynamo) {
      registry = ClientRegistry.builder(dynamo.lab.environment(dynamo.table)).build();
      this.dynamo = registry.client(DynamoDbClient.class);
    }

    @TearDown
    public void close() {
      registry.close();
    }
  }

  /** The record's fields besides its random id. */
  @State(Scope.Thread)
  public static class RecordFields {
    int batchId = 0;
    int index = 7;

    Map<String, AttributeValue> next() {
      return LabTable.record(batchId, index, Instant.now());
    }
  }

  @Benchmark
  public PutItemResponse pooled(Registry registry, Dynamo dynamo, RecordFields record) {
    return PutItem.pooled(registry.dynamo, dynamo.table, record.next());
  }

  @Benchmark
  public PutItemResponse clientPerCall(Dynamo dynamo, RecordFields record) {
    return PutItem.clientPerCall(dynamo.endpoint, dynamo.table, record.next());
  }
}
