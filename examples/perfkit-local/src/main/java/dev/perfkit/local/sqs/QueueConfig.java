package dev.perfkit.local.sqs;

import dev.perfkit.core.Preconditions;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A standard queue and its dead-letter queue, as the lab's Task 5 means them: what {@code
 * CreateQueue} takes, with {@code maxReceiveCount} in the queue's {@code RedrivePolicy} (the lab
 * sets it as a queue attribute, which SQS does not have, and creates no dead-letter queue).
 *
 * @param name the queue name, 1 to 80 of {@code [A-Za-z0-9_-]}
 * @param deadLetterQueueName the dead-letter queue's name, same rules
 * @param visibilityTimeout how long a received message stays hidden, 0 to 12 hours in whole
 *     seconds; an event source mapping's function must finish within it
 * @param messageRetention how long a message is kept, 60 seconds to 14 days in whole seconds; the
 *     dead-letter queue keeps its messages as long
 * @param receiveMessageWait the queue's default long-poll wait, 0 to 20 whole seconds
 * @param maxReceiveCount receives after which a message moves to the dead-letter queue, 1 to 1000
 */
public record QueueConfig(
    String name,
    String deadLetterQueueName,
    Duration visibilityTimeout,
    Duration messageRetention,
    Duration receiveMessageWait,
    int maxReceiveCount) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

  /** The lab's suffix of the queue name after the user's prefix. */
  public static final String LAB_QUEUE_SUFFIX = "-high-throughput-queue";

  /**
   * Validates every field; the message names the field and its allowed values.
   *
   * @param name the queue name, 1 to 80 of {@code [A-Za-z0-9_-]}
   * @param deadLetterQueueName the dead-letter queue's name, same rules, not {@code name}
   * @param visibilityTimeout 0 to 43200 whole seconds
   * @param messageRetention 60 to 1209600 whole seconds
   * @param receiveMessageWait 0 to 20 whole seconds
   * @param maxReceiveCount 1 to 1000
   * @throws NullPointerException if a name or duration is null
   * @throws IllegalArgumentException naming the bad field
   */
  public QueueConfig {
    checkName("name", name);
    checkName("deadLetterQueueName", deadLetterQueueName);
    if (name.equals(deadLetterQueueName)) {
      throw new IllegalArgumentException(
          "deadLetterQueueName must differ from name, both were '" + name + "'");
    }
    checkSeconds("visibilityTimeout", visibilityTimeout, 0, 43_200);
    checkSeconds("messageRetention", messageRetention, 60, 1_209_600);
    checkSeconds("receiveMessageWait", receiveMessageWait, 0, 20);
    if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
      throw new IllegalArgumentException(
          "maxReceiveCount must be 1 to 1000, was " + maxReceiveCount);
    }
  }

  /**
   * The lab's queue: {@code <prefix>-high-throughput-queue}, visibility 30 s, retention 14 days
   * (1209600 s), no long polling by default, and a dead-letter queue {@code
   * <prefix>-high-throughput-queue-dlq} after 3 receives.
   *
   * @param prefix the user's prefix, up to 54 of {@code [A-Za-z0-9_-]} (the dead-letter queue's
   *     name adds 26 characters)
   * @return the lab's queue configuration
   * @throws IllegalArgumentException if the prefix makes an invalid queue name
   */
  public static QueueConfig lab(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    return builder(prefix + LAB_QUEUE_SUFFIX).build();
  }

  /**
   * A builder for queue {@code name} with the lab's settings; the dead-letter queue is {@code
   * <name>-dlq}.
   *
   * @param name the queue name, 1 to 80 of {@code [A-Za-z0-9_-]}; checked by {@link
   *     Builder#build()}
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(name, null);
  }

  /**
   * A builder that starts from this configuration: each option set on it replaces this
   * configuration's value, the others are kept.
   *
   * @return a builder whose {@link Builder#build()} is this configuration until an option is set
   */
  public Builder toBuilder() {
    return new Builder(name, this);
  }

  private static void checkName(String field, String value) {
    Objects.requireNonNull(value, field);
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " must be 1 to 80 letters, digits, '-' or '_', was '" + value + "'");
    }
  }

  private static void checkSeconds(String field, Duration value, long min, long max) {
    Objects.requireNonNull(value, field);
    if (value.getNano() != 0 || value.getSeconds() < min || value.getSeconds() > max) {
      throw new IllegalArgumentException(
          field + " must be " + min + " to " + max + " whole seconds, was " + value);
    }
  }

  /** Builds a {@link QueueConfig}; each option may be set once. */
  public static final class Builder {
    private final String name;
    private final QueueConfig base;
    private String deadLetterQueueName;
    private Duration visibilityTimeout;
    private Duration messageRetention;
    private Duration receiveMessageWait;
    private Integer maxReceiveCount;

    private Builder(String name, QueueConfig base) {
      this.name = Objects.requireNonNull(name, "name");
      this.base = base;
    }

    /**
     * Sets the dead-letter queue's name.
     *
     * @param deadLetterQueueName default {@code <name>-dlq}
     * @return this builder
     */
    public Builder deadLetterQueueName(String deadLetterQueueName) {
      this.deadLetterQueueName =
          Preconditions.setOnce(
              "deadLetterQueueName", this.deadLetterQueueName, deadLetterQueueName);
      return this;
    }

    /**
     * Sets the visibility timeout.
     *
     * @param visibilityTimeout default 30 s
     * @return this builder
     */
    public Builder visibilityTimeout(Duration visibilityTimeout) {
      this.visibilityTimeout =
          Preconditions.setOnce("visibilityTimeout", this.visibilityTimeout, visibilityTimeout);
      return this;
    }

    /**
     * Sets the retention period of both queues.
     *
     * @param messageRetention default 14 days
     * @return this builder
     */
    public Builder messageRetention(Duration messageRetention) {
      this.messageRetention =
          Preconditions.setOnce("messageRetention", this.messageRetention, messageRetention);
      return this;
    }

    /**
     * Sets the queue's default long-poll wait.
     *
     * @param receiveMessageWait default 0
     * @return this builder
     */
    public Builder receiveMessageWait(Duration receiveMessageWait) {
      this.receiveMessageWait =
          Preconditions.setOnce("receiveMessageWait", this.receiveMessageWait, receiveMessageWait);
      return this;
    }

    /**
     * Sets the receives before a message moves to the dead-letter queue.
     *
     * @param maxReceiveCount default 3
     * @return this builder
     */
    public Builder maxReceiveCount(int maxReceiveCount) {
      this.maxReceiveCount =
          Preconditions.setOnce("maxReceiveCount", this.maxReceiveCount, maxReceiveCount);
      return this;
    }

    /**
     * The configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming a bad field
     */
    public QueueConfig build() {
      return new QueueConfig(
          name,
          deadLetterQueueName != null
              ? deadLetterQueueName
              : base != null ? base.deadLetterQueueName : name + "-dlq",
          visibilityTimeout != null
              ? visibilityTimeout
              : base != null ? base.visibilityTimeout : Duration.ofSeconds(30),
          messageRetention != null
              ? messageRetention
              : base != null ? base.messageRetention : Duration.ofSeconds(1_209_600),
          receiveMessageWait != null
              ? receiveMessageWait
              : base != null ? base.receiveMessageWait : Duration.ZERO,
          maxReceiveCount != null ? maxReceiveCount : base != null ? base.maxReceiveCount : 3);
    }
  }
}
