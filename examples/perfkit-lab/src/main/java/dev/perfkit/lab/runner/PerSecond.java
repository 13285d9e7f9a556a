package dev.perfkit.lab.runner;

import dev.perfkit.core.time.Ticker;
import dev.perfkit.lab.report.LabResults.Second;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.TreeMap;

/** Answers counted per second since a step started: a throttling chart's data. */
final class PerSecond {

  enum Answer {
    SUCCEEDED,
    THROTTLED,
    LIMIT_EXCEEDED,
    FAILED
  }

  private final Ticker ticker;
  private final long start;
  private final TreeMap<Integer, EnumMap<Answer, Long>> seconds = new TreeMap<>();

  PerSecond(Ticker ticker) {
    this.ticker = ticker;
    this.start = ticker.read();
  }

  synchronized void count(Answer answer) {
    int second = (int) ((ticker.read() - start) / 1_000_000_000L);
    seconds.computeIfAbsent(second, s -> new EnumMap<>(Answer.class)).merge(answer, 1L, Long::sum);
  }

  synchronized long total(Answer answer) {
    return seconds.values().stream().mapToLong(counts -> counts.getOrDefault(answer, 0L)).sum();
  }

  /** Every second from 0 to the last one counted, empty seconds included. */
  synchronized List<Second> seconds() {
    List<Second> list = new ArrayList<>();
    if (seconds.isEmpty()) {
      return list;
    }
    EnumMap<Answer, Long> none = new EnumMap<>(Answer.class);
    for (int second = 0; second <= seconds.lastKey(); second++) {
      EnumMap<Answer, Long> counts = seconds.getOrDefault(second, none);
      list.add(
          new Second(
              second,
              counts.getOrDefault(Answer.SUCCEEDED, 0L),
              counts.getOrDefault(Answer.THROTTLED, 0L),
              counts.getOrDefault(Answer.LIMIT_EXCEEDED, 0L),
              counts.getOrDefault(Answer.FAILED, 0L)));
    }
    return list;
  }
}
