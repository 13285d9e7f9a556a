package dev.perfkit.lab.runner;

import dev.perfkit.core.time.Ticker;
import dev.perfkit.lab.report.LabResults.Second;
import java.util.ArrayList;
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
  private final TreeMap<Integer, long[]> seconds = new TreeMap<>();

  PerSecond(Ticker ticker) {
    this.ticker = ticker;
    this.start = ticker.read();
  }

  synchronized void count(Answer answer) {
    int second = (int) ((ticker.read() - start) / 1_000_000_000L);
    seconds.computeIfAbsent(second, s -> new long[Answer.values().length])[answer.ordinal()]++;
  }

  synchronized long total(Answer answer) {
    return seconds.values().stream().mapToLong(counts -> counts[answer.ordinal()]).sum();
  }

  /** Every second from 0 to the last one counted, empty seconds included. */
  synchronized List<Second> seconds() {
    List<Second> list = new ArrayList<>();
    if (seconds.isEmpty()) {
      return list;
    }
    long[] none = new long[Answer.values().length];
    for (int second = 0; second <= seconds.lastKey(); second++) {
      long[] c = seconds.getOrDefault(second, none);
      list.add(new Second(second, c[0], c[1], c[2], c[3]));
    }
    return list;
  }
}
