package dev.perfkit.bench.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.perfkit.bench.LogOutput;
import dev.perfkit.core.testing.LambdaTestContext;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both handlers of {@link SqsScalerBenchmark} process every message of the batch. */
class SqsScalerVariantsTest {

  private final LogOutput log = new LogOutput();
  private final SqsScalerBenchmark.Batch batch = new SqsScalerBenchmark.Batch();
  private final LambdaTestContext context = LambdaTestContext.of(SqsBatch.FUNCTION_NAME);

  @BeforeEach
  void buildBatch() {
    batch.build(log);
    batch.context = context;
  }

  @Test
  void parallel_processesEveryMessage() {
    SqsScalerBenchmark.Parallel handler = new SqsScalerBenchmark.Parallel();
    handler.build(batch, log);

    SQSBatchResponse response = new SqsScalerBenchmark().parallel(handler, batch);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(processed()).containsExactlyInAnyOrder(expected());
  }

  @Test
  void sequential_processesEveryMessageInOrder() {
    SqsScalerBenchmark.Sequential handler = new SqsScalerBenchmark.Sequential();
    handler.build(batch, log);

    SQSBatchResponse response = new SqsScalerBenchmark().sequential(handler, batch);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(processed()).containsExactly(expected());
  }

  private String[] processed() {
    return context.logLines().toArray(String[]::new);
  }

  private static String[] expected() {
    return IntStream.range(0, 10)
        .mapToObj(i -> "Processed message: message-" + i)
        .toArray(String[]::new);
  }
}
