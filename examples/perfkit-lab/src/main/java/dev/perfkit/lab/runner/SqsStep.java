package dev.perfkit.lab.runner;

import dev.perfkit.lab.report.LabResults;
import dev.perfkit.lab.report.LabResults.Latency;
import dev.perfkit.local.sqs.BacklogSample;
import dev.perfkit.local.sqs.EventSourceStats;
import dev.perfkit.local.sqs.SqsLoadGenerator;
import dev.perfkit.local.sqs.SqsLoadReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Task 5: messages through the queue, the event source mapping, the SQS function and the DLQ. */
final class SqsStep {

  private static final int BUCKETS = 20;
  private static final Duration POLL = Duration.ofMillis(250);

  private final RunContext run;

  SqsStep(RunContext run) {
    this.run = run;
  }

  /**
   * Sends the messages, poison ones among them, with SendMessageBatch, and waits until each one was
   * processed or moved to the dead-letter queue: three receives, a visibility timeout apart.
   */
  LabResults.Sqs sendAndDrain() throws InterruptedException {
    EventSourceStats before = run.lab().sqsMapping().stats();
    long start = run.ticker().read();
    SqsLoadReport sent;
    try (ProgressBar bar =
        run.console().bar("sending with SendMessageBatch", run.plan().messages)) {
      sent =
          SqsLoadGenerator.builder(run.lab().sqs().client(), run.lab().queues().queueUrl())
              .poisonMessages(run.plan().poisonMessages)
              .progress(progress -> bar.update(progress.sent() + progress.failed()))
              .build()
              .send(run.plan().messages);
    }
    double sendSeconds = (run.ticker().read() - start) / 1e9;
    if (sent.messagesFailed() > 0) {
      run.console()
          .line(sent.messagesFailed() + " messages could not be sent: " + sent.calls().errors());
    }
    // A poison message is received three times, a visibility timeout apart, then moved.
    Duration bound = Duration.ofSeconds(4L * run.plan().visibilityTimeoutSeconds() + 60);
    long deadline = run.ticker().read() + bound.toNanos();
    long processed = 0;
    long lastProcessed = start;
    long deadLettered = 0;
    try (ProgressBar bar = run.console().bar("processed or dead-lettered", sent.messagesSent())) {
      while (run.ticker().read() < deadline) {
        long now = run.lab().sqsMapping().stats().messagesProcessed() - before.messagesProcessed();
        if (now > processed) {
          processed = now;
          lastProcessed = run.ticker().read();
        }
        deadLettered = deadLetterCount();
        bar.update(processed + deadLettered);
        if (processed + deadLettered >= sent.messagesSent()) {
          break;
        }
        run.sleeper().sleep(POLL);
      }
    }
    double drainSeconds = (run.ticker().read() - start) / 1e9;
    double processingSeconds = (lastProcessed - start) / 1e9;
    EventSourceStats after = run.lab().sqsMapping().stats();
    if (processed + deadLettered < sent.messagesSent()) {
      run.console()
          .line(
              "not drained within "
                  + bound.toSeconds()
                  + " s: "
                  + processed
                  + " processed, "
                  + deadLettered
                  + " dead-lettered of "
                  + sent.messagesSent()
                  + " sent; last error: "
                  + after.lastError().orElse("none"));
    }
    Histogram latency = after.endToEndLatencyMillis();
    latency.subtract(before.endToEndLatencyMillis());
    LabResults.Sqs result =
        new LabResults.Sqs(
            sent.messagesSent(),
            run.plan().poisonMessages,
            processed,
            deadLettered,
            after.messagesFailed() - before.messagesFailed(),
            sendSeconds,
            processingSeconds,
            drainSeconds,
            processingSeconds > 0 ? processed / processingSeconds : 0,
            after.maxActivePollers(),
            millis(latency),
            buckets(latency),
            backlog(before, after));
    run.console()
        .line(
            String.format(
                Locale.ROOT,
                "%d sent (%d poison) in %.1f s; %d processed in %.1f s (%.1f messages/s), %d"
                    + " dead-lettered after %.1f s, %d redeliveries; end-to-end p50 %.0f ms, p99 %.0f ms;"
                    + " at most %d pollers",
                result.sent(),
                result.poison(),
                sendSeconds,
                processed,
                processingSeconds,
                result.messagesPerSecond(),
                deadLettered,
                drainSeconds,
                result.redeliveries(),
                result.endToEnd().p50Ms(),
                result.endToEnd().p99Ms(),
                result.maxPollers()));
    return result;
  }

  private long deadLetterCount() {
    return Long.parseLong(
        run.lab()
            .sqs()
            .client()
            .getQueueAttributes(
                request ->
                    request
                        .queueUrl(run.lab().queues().deadLetterQueueUrl())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
            .attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  /** A histogram of milliseconds as latency figures (which take microseconds). */
  private static Latency millis(Histogram millis) {
    Histogram micros = new Histogram(3);
    for (HistogramIterationValue value : millis.recordedValues()) {
      micros.recordValueWithCount(
          value.getValueIteratedTo() * 1000, value.getCountAtValueIteratedTo());
    }
    return Latency.ofMicros(micros);
  }

  /** {@value #BUCKETS} equal buckets from the lowest latency to the highest. */
  private static List<LabResults.Bucket> buckets(Histogram millis) {
    List<LabResults.Bucket> buckets = new ArrayList<>();
    if (millis.getTotalCount() == 0) {
      return buckets;
    }
    long min = millis.getMinValue();
    long max = millis.getMaxValue();
    long width = Math.max(1, (max - min + BUCKETS) / BUCKETS);
    long[] counts = new long[(int) ((max - min) / width) + 1];
    for (HistogramIterationValue value : millis.recordedValues()) {
      long at = Math.max(min, Math.min(max, value.getValueIteratedTo()));
      counts[(int) ((at - min) / width)] += value.getCountAtValueIteratedTo();
    }
    for (int i = 0; i < counts.length; i++) {
      buckets.add(new LabResults.Bucket(min + i * width, min + (i + 1) * width, counts[i]));
    }
    return buckets;
  }

  /** The samples taken since {@code before}, their time from the first of them. */
  private static List<LabResults.Backlog> backlog(EventSourceStats before, EventSourceStats after) {
    Instant last =
        before.backlog().isEmpty()
            ? Instant.MIN
            : before.backlog().get(before.backlog().size() - 1).at();
    List<BacklogSample> since =
        after.backlog().stream().filter(sample -> sample.at().isAfter(last)).toList();
    List<LabResults.Backlog> samples = new ArrayList<>();
    for (BacklogSample sample : since) {
      samples.add(
          new LabResults.Backlog(
              Duration.between(since.get(0).at(), sample.at()).toMillis() / 1000.0,
              sample.visible(),
              sample.inFlight(),
              sample.activePollers(),
              sample.allowedConcurrency(),
              Math.max(0, sample.processed() - before.messagesProcessed())));
    }
    return samples;
  }
}
