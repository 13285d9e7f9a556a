package dev.perfkit.core.batch;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.perfkit.core.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/** The work of a {@link StreamBatchProcessor} for one event source. */
final class StreamBatch<E, R> {

  private final StreamSource<E, R> source;
  private final RecordHandler<R> handler;
  private final Executor executor;
  private final Ticker ticker;

  StreamBatch(
      StreamSource<E, R> source, RecordHandler<R> handler, Executor executor, Ticker ticker) {
    this.source = source;
    this.handler = handler;
    this.executor = executor;
    this.ticker = ticker;
  }

  StreamBatchResult process(E event) {
    Objects.requireNonNull(event, "event");
    List<R> records = EventFields.records(source.records().apply(event), source.eventName());
    List<List<Integer>> shards = shards(records);
    long start = ticker.read();
    BatchRun run = BatchRun.run(records, shards, handler, executor);
    Duration batchTime = Duration.ofNanos(Math.max(0, ticker.read() - start));
    run.rethrowErrors();
    return result(records, shards, run, batchTime);
  }

  /** The indices of the records of each shard, in batch order, shards in order of appearance. */
  private List<List<Integer>> shards(List<R> records) {
    Map<String, List<Integer>> shards = new LinkedHashMap<>();
    for (int i = 0; i < records.size(); i++) {
      String shard = Objects.requireNonNullElse(source.shard().apply(records.get(i)), "");
      shards.computeIfAbsent(shard, key -> new ArrayList<>()).add(i);
    }
    return List.copyOf(shards.values());
  }

  private StreamBatchResult result(
      List<R> records, List<List<Integer>> shards, BatchRun run, Duration batchTime) {
    List<BatchItemFailure> checkpoints = new ArrayList<>();
    for (List<Integer> shard : shards) {
      shard.stream()
          .filter(i -> !run.succeeded(i))
          .findFirst()
          .ifPresent(i -> checkpoints.add(new BatchItemFailure(sequenceNumber(records, i))));
    }
    List<RecordFailure> failures = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (!run.succeeded(i)) {
        failures.add(
            new RecordFailure(source.sequenceNumber().apply(records.get(i)), run.cause(i)));
      }
    }
    return new StreamBatchResult(
        new StreamsEventResponse(checkpoints), failures, run.statistics(batchTime));
  }

  private String sequenceNumber(List<R> records, int index) {
    return EventFields.itemIdentifier(
        source.sequenceNumber().apply(records.get(index)), index, source.sequenceNumberField());
  }
}
