package dev.perfkit.local.sqs;

import dev.perfkit.core.Preconditions;
import dev.perfkit.local.cloudwatch.SqsMetrics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Amazon SQS on one machine: ElasticMQ in this JVM, serving the SQS API (the AWS JSON protocol of
 * current SDKs and the older query protocol) on a loopback port. Queue URLs and ARNs carry the
 * configured region and account.
 *
 * <pre>{@code
 * try (LocalSqs sqs = LocalSqs.builder().build()) {
 *   QueuePair queues = QueuePair.create(sqs.client(), QueueConfig.lab("alice"));
 *   // aws sqs send-message --endpoint-url <sqs.endpoint()> --queue-url <queues.queueUrl()> ...
 * }
 * }</pre>
 */
public interface LocalSqs extends AutoCloseable {

  /**
   * A builder with defaults: a free loopback port, region {@code us-east-1}.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * The SQS endpoint.
   *
   * @return e.g. {@code http://127.0.0.1:41234}
   */
  URI endpoint();

  /**
   * The region in queue ARNs and the client's signing region.
   *
   * @return e.g. {@code us-east-1}
   */
  String region();

  /**
   * The account id in queue URLs and ARNs.
   *
   * @return 12 digits, e.g. {@code 000000000000}
   */
  String accountId();

  /**
   * A client of this SQS, owned by it (closed on {@link #close()}). Its connection pool holds
   * {@value Builder#MAX_CONNECTIONS} connections: enough for an event source mapping at its largest
   * maximum concurrency, every poller in a long poll at once.
   *
   * @return the same client on every call; do not close it
   */
  SqsClient client();

  /**
   * Stops the server and its actor system; without {@link Builder#storage} the queues and messages
   * are gone.
   */
  @Override
  void close();

  /**
   * Stops as {@link #close()} does, and counts the queues' messages: those they held at the stop,
   * and those the {@link Builder#storage} kept for the next start.
   *
   * @return the counts; zeros when already stopped
   */
  MessagesAtStop stop();

  /** Builds and starts a {@link LocalSqs}. */
  final class Builder {
    /** Connections of {@link LocalSqs#client()}: 1000 pollers, the load generator and a margin. */
    public static final int MAX_CONNECTIONS = 1100;

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private Integer port;
    private String region;
    private String accountId;
    private Duration startTimeout;
    private SqsMetrics metrics;
    private Path storage;

    private Builder() {}

    /**
     * The port on 127.0.0.1.
     *
     * @param port 0 (default) picks a free one
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
      }
      this.port = Preconditions.setOnce("port", this.port, port);
      return this;
    }

    /**
     * The region of queue ARNs.
     *
     * @param region default {@code us-east-1}
     * @return this builder
     */
    public Builder region(String region) {
      Objects.requireNonNull(region, "region");
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException(
            "region must look like 'us-east-1', was '" + region + "'");
      }
      this.region = Preconditions.setOnce("region", this.region, region);
      return this;
    }

    /**
     * The account id of queue URLs and ARNs.
     *
     * @param accountId 12 digits; default {@code 000000000000}
     * @return this builder
     */
    public Builder accountId(String accountId) {
      Objects.requireNonNull(accountId, "accountId");
      if (!ACCOUNT.matcher(accountId).matches()) {
        throw new IllegalArgumentException("accountId must be 12 digits, was '" + accountId + "'");
      }
      this.accountId = Preconditions.setOnce("accountId", this.accountId, accountId);
      return this;
    }

    /**
     * How long to wait for the server to bind.
     *
     * @param startTimeout positive; default 60 s (a loaded machine is slow)
     * @return this builder
     */
    public Builder startTimeout(Duration startTimeout) {
      Objects.requireNonNull(startTimeout, "startTimeout");
      if (startTimeout.isNegative() || startTimeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
      }
      this.startTimeout = Preconditions.setOnce("startTimeout", this.startTimeout, startTimeout);
      return this;
    }

    /**
     * Where the {@code AWS/SQS} metrics of the queues go, as SQS publishes them to CloudWatch under
     * {@code QueueName}: the messages sent, received and deleted through {@link LocalSqs#client()}
     * (other clients' calls are not seen), and every 10 seconds each queue's visible messages and
     * the age of its oldest message.
     *
     * @param metrics e.g. {@link dev.perfkit.local.cloudwatch.LocalCloudWatch#sqs()}; default none
     * @return this builder
     */
    public Builder metrics(SqsMetrics metrics) {
      this.metrics = Preconditions.setOnce("metrics", this.metrics, metrics);
      return this;
    }

    /**
     * Keeps the queues, their attributes and their messages in {@code directory} with ElasticMQ's
     * own persistence (its {@code messages-storage}, an H2 database): a {@link LocalSqs} started
     * again with the same directory has them. One such {@link LocalSqs} runs in a JVM at a time
     * (ElasticMQ's store is one per JVM). Default none: in memory only.
     *
     * @param directory the store's directory, created if missing
     * @return this builder
     */
    public Builder storage(Path directory) {
      Objects.requireNonNull(directory, "directory");
      this.storage = Preconditions.setOnce("storage", this.storage, directory);
      return this;
    }

    /**
     * Starts ElasticMQ and returns when it serves.
     *
     * @return the serving queue service
     * @throws IllegalStateException when it could not bind or start in time
     */
    public LocalSqs build() {
      return ElasticMqSqs.start(this);
    }

    int port() {
      return port == null ? 0 : port;
    }

    String region() {
      return region == null ? "us-east-1" : region;
    }

    String accountId() {
      return accountId == null ? "000000000000" : accountId;
    }

    Duration startTimeout() {
      return startTimeout == null ? Duration.ofSeconds(60) : startTimeout;
    }

    Optional<SqsMetrics> metrics() {
      return Optional.ofNullable(metrics);
    }

    Optional<Path> storage() {
      return Optional.ofNullable(storage);
    }
  }
}
