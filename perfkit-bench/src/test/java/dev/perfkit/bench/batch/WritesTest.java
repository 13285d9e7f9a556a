package dev.perfkit.bench.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.perfkit.bench.clients.LabTable;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.handlers.PerformanceFunction;
import java.io.OutputStream;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What each variant of {@link DatabaseBatchBenchmark} leaves in the table. */
class WritesTest {

  private static LabTable lab;
  private static ClientRegistry registry;

  private final DatabaseBatchBenchmark.Function state = new DatabaseBatchBenchmark.Function();
  private String table;

  @BeforeAll
  static void startDynalite() {
    lab = LabTable.start();
    registry = ClientRegistry.builder(lab.environment(null)).build();
  }

  @AfterAll
  static void stopDynalite() {
    registry.close();
    lab.close();
  }

  @BeforeEach
  void createTable() {
    table = lab.create();
  }

  @AfterEach
  void deleteTable() {
    lab.delete(table);
  }

  @Test
  void databaseBatch_writesTheLargeInvocationsRecords() {
    Writes.databaseBatch(function(table), request(state.body));

    assertThat(lab.count(table)).isEqualTo(DatabaseBatchBenchmark.LARGE_RECORDS);
  }

  @Test
  void databaseBatch_tableMissing_throwsWithTheFunctionsAnswer() {
    PerformanceFunction function = function("perf-records-missing");

    assertThatThrownBy(() -> Writes.databaseBatch(function, request(state.body)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("database_batch answered 500: ")
        .hasMessageContaining("perf-records-missing");
  }

  @Test
  void putItem_writesOneRecord() {
    Writes.putItem(
        registry.client(DynamoDbClient.class), table, LabTable.record(0, 0, Instant.now()));

    assertThat(lab.count(table)).isEqualTo(1);
  }

  private PerformanceFunction function(String tableName) {
    return new PerformanceFunction(
        PerformanceFunction.Configuration.builder(lab.environment(tableName), registry)
            .metricsSink(MetricsSink.of(OutputStream.nullOutputStream()))
            .build());
  }

  private static APIGatewayProxyRequestEvent request(String body) {
    return new APIGatewayProxyRequestEvent().withHttpMethod("POST").withBody(body);
  }
}
