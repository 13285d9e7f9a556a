package dev.perfkit.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.routing.Deadline;
import dev.perfkit.core.time.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The backoff between resends of UnprocessedItems, against an endpoint that throttles every
 * BatchWriteItem as DynamoDB does under load: the waits are recorded, not spent, and move the
 * invocation's clock as real waits would.
 */
class BatchWriterTest {

  private static final Duration RESERVE = Duration.ofMillis(250);
  private static final List<WriteRequest> ONE_CHUNK =
      IntStream.range(0, BatchWriter.CHUNK_SIZE)
          .mapToObj(
              i ->
                  WriteRequest.builder()
                      .putRequest(
                          PutRequest.builder()
                              .item(Map.of("id", AttributeValue.fromS("record-" + i)))
                              .build())
                      .build())
          .toList();

  private final AtomicLong now = new AtomicLong();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Sleeper recordingSleeper =
      duration -> {
        waits.add(duration);
        now.addAndGet(duration.toNanos());
      };
  private UnprocessedItemsProxy throttling;
  private ClientRegistry clients;

  @BeforeEach
  void startThrottlingEndpoint() throws IOException {
    // Every call is refused, so nothing is ever forwarded to the (absent) DynamoDB behind it.
    throttling = UnprocessedItemsProxy.start(URI.create("http://127.0.0.1:1"), Integer.MAX_VALUE);
    clients =
        ClientRegistry.builder(
                Environment.of(
                    Map.of(
                        "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", "perfkit",
                        "AWS_SECRET_ACCESS_KEY", "perfkit",
                        "AWS_ENDPOINT_URL_DYNAMODB", throttling.endpoint().toString())))
            .build();
  }

  @AfterEach
  void stop() {
    clients.close();
    throttling.close();
  }

  private BatchWriter.Outcome write(BatchWriter.Jitter jitter, Duration budget) throws Exception {
    BatchWriter writer = new BatchWriter(Runnable::run, RESERVE, recordingSleeper, jitter);
    DynamoDbClient dynamo = clients.client(DynamoDbClient.class);
    return writer.write(dynamo, "records", ONE_CHUNK, Deadline.after(budget, now::get));
  }

  @Test
  void write_throttledUntilTheDeadline_backsOffExponentiallyToTheCapThenStops() throws Exception {
    BatchWriter.Outcome outcome = write(ceiling -> ceiling, Duration.ofSeconds(5));

    assertThat(waits)
        .containsExactly(
            Duration.ofMillis(25),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    // 425 ms were left after the last wait: one more attempt, but no room for another second.
    assertThat(outcome).isEqualTo(new BatchWriter.Outcome(0, BatchWriter.CHUNK_SIZE, 10));
    assertThat(throttling.batchWrites()).isEqualTo(10);
  }

  @Test
  void write_throttled_waitsWhatTheJitterPicksBelowEachCeiling() throws Exception {
    List<Duration> ceilings = new CopyOnWriteArrayList<>();

    write(
        ceiling -> {
          ceilings.add(ceiling);
          return ceiling.dividedBy(2);
        },
        Duration.ofSeconds(2));

    assertThat(ceilings)
        .startsWith(
            Duration.ofMillis(25),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(200));
    // The last pick did not fit before the deadline: it was not waited.
    assertThat(waits)
        .isEqualTo(
            ceilings.subList(0, ceilings.size() - 1).stream()
                .map(ceiling -> ceiling.dividedBy(2))
                .toList());
  }
}
