package dev.perfkit.local.sqs;

import dev.perfkit.core.Preconditions;
import dev.perfkit.core.load.LoadGenerator;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.core.load.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The lab's {@code generate_sqs_load.sh} without a process per message: {@code SendMessageBatch}
 * calls of 10 messages, several in parallel (perfkit-core's {@link LoadGenerator} runs them).
 *
 * <p>Message {@code N} (1-based) has the lab's body, {@code {"id": "msg-N", "timestamp": "<UTC,
 * ms>", "data": "Sample data for message N"}}. Poison messages, spread evenly over the run, have a
 * body that is not JSON ({@link #poisonBody}): SqsScaler reports them as failures, so they end in
 * the dead-letter queue. Entries the queue fails for its own reasons are retried twice; then they
 * count as failed.
 */
public final class SqsLoadGenerator {

  /** Messages per {@code SendMessageBatch} call, SQS's largest. */
  public static final int BATCH = 10;

  /** The most messages one {@link #send} accepts. */
  public static final int MAX_MESSAGES = 10_000_000;

  private static final int ATTEMPTS = 3;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SqsClient sqs;
  private final String queueUrl;
  private final int parallelism;
  private final int poisonMessages;
  private final Clock clock;
  private final Consumer<SendProgress> progress;

  private SqsLoadGenerator(Builder builder) {
    this.sqs = builder.sqs;
    this.queueUrl = builder.queueUrl;
    this.parallelism = builder.parallelism == null ? 4 : builder.parallelism;
    this.poisonMessages = builder.poisonMessages == null ? 0 : builder.poisonMessages;
    this.clock = builder.clock == null ? Clock.systemUTC() : builder.clock;
    this.progress = builder.progress;
  }

  /**
   * A builder sending to the queue at {@code queueUrl}.
   *
   * @param sqs the client to send with; any SQS, local or AWS
   * @param queueUrl the queue's URL
   * @return a new builder
   */
  public static Builder builder(SqsClient sqs, String queueUrl) {
    return new Builder(sqs, queueUrl);
  }

  /**
   * The lab's body of a message.
   *
   * @param number the message's number {@code N}, 1-based
   * @param timestamp the body's {@code timestamp}, written in UTC to the millisecond
   * @return {@code {"id": "msg-N", "timestamp": "...", "data": "Sample data for message N"}}
   */
  public static String body(long number, Instant timestamp) {
    Objects.requireNonNull(timestamp, "timestamp");
    return "{\"id\": \"msg-"
        + number
        + "\", \"timestamp\": \""
        + TIMESTAMP.format(timestamp)
        + "\", \"data\": \"Sample data for message "
        + number
        + "\"}";
  }

  /**
   * The body of a poison message.
   *
   * @param number the message's number {@code N}, 1-based
   * @return a body that is not JSON and names {@code msg-N}
   */
  public static String poisonBody(long number) {
    return "not JSON: poison message msg-" + number;
  }

  /**
   * Sends {@code messages} messages, 1 to {@value #MAX_MESSAGES}, and returns when every call has
   * ended.
   *
   * @param messages how many messages to send, 1 to {@value #MAX_MESSAGES}
   * @return what was sent and failed, the poison messages' numbers and the calls' report
   * @throws IllegalArgumentException when {@code messages} is out of range or fewer than the poison
   *     messages
   */
  public SqsLoadReport send(int messages) {
    if (messages < 1 || messages > MAX_MESSAGES) {
      throw new IllegalArgumentException(
          "messages must be 1 to " + MAX_MESSAGES + ", was " + messages);
    }
    if (poisonMessages > messages) {
      throw new IllegalArgumentException(
          "poisonMessages (" + poisonMessages + ") must not exceed messages (" + messages + ")");
    }
    Set<Long> poison = poisonNumbers(messages, poisonMessages);
    AtomicLong sent = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long calls = (messages + BATCH - 1L) / BATCH;
    LoadGenerator.Builder generator =
        LoadGenerator.builder()
            .totalRequests(calls)
            .concurrency((int) Math.min(parallelism, calls));
    if (progress != null) {
      generator.progress(
          1,
          done ->
              progress.accept(
                  new SendProgress(sent.get(), failed.get(), messages, done.elapsed())));
    }
    LoadReport report =
        generator.build().run(call -> sendBatch(call, messages, poison, sent, failed));
    return new SqsLoadReport(sent.get(), failed.get(), List.copyOf(poison), report);
  }

  private Outcome sendBatch(
      long call, int messages, Set<Long> poison, AtomicLong sent, AtomicLong failed) {
    long first = call * BATCH + 1;
    long last = Math.min(messages, first + BATCH - 1);
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(BATCH);
    for (long number = first; number <= last; number++) {
      entries.add(
          SendMessageBatchRequestEntry.builder()
              .id("msg-" + number)
              .messageBody(
                  poison.contains(number) ? poisonBody(number) : body(number, clock.instant()))
              .build());
    }
    String lastFailure = "";
    for (int attempt = 1; attempt <= ATTEMPTS && !entries.isEmpty(); attempt++) {
      List<SendMessageBatchRequestEntry> batch = entries;
      SendMessageBatchResponse response;
      try {
        response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(batch));
      } catch (SdkException e) {
        // The SDK has retried the call already.
        failed.addAndGet(entries.size());
        return Outcome.failure(entries.size() + " messages not sent: " + e.getMessage());
      }
      sent.addAndGet(response.successful().size());
      List<SendMessageBatchRequestEntry> retry = new ArrayList<>();
      for (BatchResultErrorEntry error : response.failed()) {
        lastFailure = error.code() + " " + error.message();
        SendMessageBatchRequestEntry entry = byId(batch, error.id());
        if (Boolean.TRUE.equals(error.senderFault())) {
          failed.incrementAndGet();
        } else {
          retry.add(entry);
        }
      }
      entries = retry;
    }
    failed.addAndGet(entries.size());
    return lastFailure.isEmpty()
        ? Outcome.success()
        : Outcome.failure("messages not sent: " + lastFailure);
  }

  private static SendMessageBatchRequestEntry byId(
      List<SendMessageBatchRequestEntry> entries, String id) {
    return entries.stream()
        .filter(entry -> entry.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("SQS answered for an unknown entry " + id));
  }

  /** {@code count} numbers spread evenly over 1..messages: the middle of each equal slice. */
  static Set<Long> poisonNumbers(long messages, int count) {
    Set<Long> numbers = new TreeSet<>();
    for (int slice = 0; slice < count; slice++) {
      numbers.add((long) Math.floor((slice + 0.5) * messages / count) + 1);
    }
    return numbers;
  }

  /** Configures an {@link SqsLoadGenerator}. */
  public static final class Builder {
    private final SqsClient sqs;
    private final String queueUrl;
    private Integer parallelism;
    private Integer poisonMessages;
    private Clock clock;
    private Consumer<SendProgress> progress;

    private Builder(SqsClient sqs, String queueUrl) {
      this.sqs = Objects.requireNonNull(sqs, "sqs");
      this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    /**
     * {@code SendMessageBatch} calls in flight at once.
     *
     * @param parallelism 1 to 100; default 4
     * @return this builder
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1 || parallelism > 100) {
        throw new IllegalArgumentException("parallelism must be 1 to 100, was " + parallelism);
      }
      this.parallelism = Preconditions.setOnce("parallelism", this.parallelism, parallelism);
      return this;
    }

    /**
     * How many of the messages are poison (not JSON).
     *
     * @param poisonMessages 0 or more; default 0
     * @return this builder
     */
    public Builder poisonMessages(int poisonMessages) {
      if (poisonMessages < 0) {
        throw new IllegalArgumentException(
            "poisonMessages must be 0 or more, was " + poisonMessages);
      }
      this.poisonMessages =
          Preconditions.setOnce("poisonMessages", this.poisonMessages, poisonMessages);
      return this;
    }

    /**
     * The clock of the bodies' {@code timestamp}.
     *
     * @param clock default: UTC system clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Preconditions.setOnce("clock", this.clock, clock);
      return this;
    }

    /**
     * Called after each call, from the sending threads: keep it quick and thread-safe.
     *
     * @param progress the listener; default none
     * @return this builder
     */
    public Builder progress(Consumer<SendProgress> progress) {
      this.progress = Preconditions.setOnce("progress", this.progress, progress);
      return this;
    }

    /**
     * The generator.
     *
     * @return a generator with these settings
     */
    public SqsLoadGenerator build() {
      return new SqsLoadGenerator(this);
    }
  }
}
