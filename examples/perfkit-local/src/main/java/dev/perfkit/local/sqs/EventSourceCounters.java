package dev.perfkit.local.sqs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/** The counters behind {@link EventSourceStats}, updated from many pollers at once. */
final class EventSourceCounters {

  private static final System.Logger LOG = System.getLogger(EventSourceMapping.class.getName());

  final LongAdder batches = new LongAdder();
  final LongAdder received = new LongAdder();
  final LongAdder processed = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder functionErrors = new LongAdder();
  final LongAdder throttles = new LongAdder();
  final LongAdder invokeErrors = new LongAdder();
  final LongAdder deleteFailures = new LongAdder();
  final LongAdder pollErrors = new LongAdder();
  private final Histogram latency = new Histogram(3);
  private final String functionName;
  private volatile String lastError;

  EventSourceCounters(String functionName) {
    this.functionName = functionName;
  }

  /** Records a processed message's end-to-end latency: from sent to deleted. */
  void recordLatency(long millis) {
    synchronized (latency) {
      latency.recordValue(Math.max(0, millis));
    }
  }

  /** Keeps {@code error} as the last one met, without logging it. */
  void note(String error) {
    lastError = error;
  }

  /** Keeps a failure as the last error met and logs it. */
  void report(String what, Exception e) {
    note(what + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    LOG.log(System.Logger.Level.WARNING, "SQS event source of " + functionName + ": " + lastError);
  }

  EventSourceStats snapshot(
      int activePollers, int maxActivePollers, List<BacklogSample> backlog, Duration elapsed) {
    Histogram latencyCopy;
    synchronized (latency) {
      latencyCopy = latency.copy();
    }
    return new EventSourceStats(
        batches.sum(),
        received.sum(),
        processed.sum(),
        failed.sum(),
        functionErrors.sum(),
        throttles.sum(),
        invokeErrors.sum(),
        deleteFailures.sum(),
        pollErrors.sum(),
        activePollers,
        maxActivePollers,
        latencyCopy,
        backlog,
        elapsed,
        Optional.ofNullable(lastError));
  }
}
