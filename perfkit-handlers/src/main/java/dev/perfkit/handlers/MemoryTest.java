package dev.perfkit.handlers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.time.Ticker;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code memory_test}: allocates a list of 1,000, 10,000 or 100,000 boxed integers and derives a
 * second list of the even ones doubled, as the lab's list comprehensions do.
 */
final class MemoryTest {

  /** The parameters: {@code dataSize}, default small. */
  record Params(DataSize dataSize) {
    Params {
      dataSize = DataSize.orDefault(dataSize);
    }

    int items() {
      return switch (dataSize) {
        case SMALL -> 1_000;
        case MEDIUM -> 10_000;
        case LARGE -> 100_000;
      };
    }
  }

  /** The lab's result. */
  record Result(
      @JsonProperty("operation") String operation,
      @JsonProperty("data_size") DataSize dataSize,
      @JsonProperty("items_allocated") int itemsAllocated,
      @JsonProperty("items_processed") int itemsProcessed,
      @JsonProperty("processing_time_ms") double processingTimeMs) {}

  private final Ticker ticker;

  MemoryTest(Ticker ticker) {
    this.ticker = ticker;
  }

  Result run(Params params, OperationContext context) {
    long start = ticker.read();
    int size = params.items();
    List<Integer> data = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      data.add(i);
    }
    List<Integer> processed = new ArrayList<>(size / 2 + 1);
    for (Integer value : data) {
      if (value % 2 == 0) {
        processed.add(value * 2);
      }
    }
    return new Result(
        PerformanceFunction.MEMORY_TEST,
        params.dataSize(),
        data.size(),
        processed.size(),
        Millis.since(start, ticker));
  }
}
