package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.Preconditions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Amazon CloudWatch on loopback: a metric store fed as CloudWatch is fed (EMF documents from
 * function logs through {@link #logs()}, the services' own metrics through {@link #lambda()},
 * {@link #apiGateway()} and {@link #sqs()}, PutMetricData), and an endpoint answering
 * GetMetricData, GetMetricStatistics, ListMetrics, PutMetricData, PutDashboard, GetDashboard,
 * ListDashboards and DeleteDashboards in each protocol CloudWatch speaks: query (form and XML),
 * JSON 1.0 ({@code X-Amz-Target}) and Smithy RPC v2 CBOR. Point any SDK at it with {@code
 * AWS_ENDPOINT_URL_CLOUDWATCH=<endpoint()>}; requests are not authenticated.
 *
 * <p>Each stored dashboard is also a page, {@link #dashboardPage(String)}: every metric widget
 * drawn from the store with its own statistic and period.
 *
 * <p>Memory is bounded: at most {@link Builder#maxBuckets} buckets (default 100,000, about 200
 * bytes each: one per metric, second or minute, unit and resolution), at most {@link
 * Builder#maxRawValues} raw values kept for percentiles (default 1,000,000, 8 to 16 bytes each, up
 * to twice that while their arrays grow by doubling) and 16 MiB of dashboard bodies: about 70 MB at
 * most at the defaults (a lab run of ten minutes holds a few thousand buckets). What the store
 * refuses or stops keeping at its bounds is counted in {@link #usage()}, logged once, shown on the
 * dashboard pages and, for PutMetricData, answered as {@code LimitExceeded}; nothing expires before
 * {@link #close()}.
 *
 * <pre>{@code
 * try (LocalCloudWatch cloudWatch = LocalCloudWatch.builder().build()) {
 *   cloudWatch.logs().accept("/aws/lambda/my-function", logLine);
 *   // aws --endpoint-url <cloudWatch.endpoint()> cloudwatch get-metric-statistics ...
 * }
 * }</pre>
 */
public interface LocalCloudWatch extends AutoCloseable {

  /**
   * A builder: a free port on 127.0.0.1, the system clock, the default bounds.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * The endpoint.
   *
   * @return its root, e.g. {@code http://127.0.0.1:41234}
   */
  URI endpoint();

  /**
   * The page of a dashboard.
   *
   * @param name the dashboard's name
   * @return {@code <endpoint>/dashboards/<name>}
   */
  URI dashboardPage(String name);

  /**
   * Where function log lines go to have their EMF documents extracted.
   *
   * @return the log sink
   */
  EmfLogs logs();

  /**
   * The {@code AWS/Lambda} metrics the local Lambda publishes.
   *
   * @return the Lambda metrics
   */
  LambdaMetrics lambda();

  /**
   * The {@code AWS/ApiGateway} metrics the API stage publishes.
   *
   * @return the API Gateway metrics
   */
  ApiGatewayMetrics apiGateway();

  /**
   * The {@code AWS/SQS} metrics the queues publish.
   *
   * @return the SQS metrics
   */
  SqsMetrics sqs();

  /**
   * How full the store is, and what it refused.
   *
   * @return the store's usage now
   */
  StoreUsage usage();

  /**
   * Writes the store as JSON: its usage and bounds, every metric with its datapoints (timestamp,
   * storage resolution, unit, SampleCount, Sum, Minimum, Maximum per second or minute), and every
   * dashboard with its body.
   *
   * @param out where the JSON goes (UTF-8); it is not closed
   * @throws IOException when {@code out} fails
   */
  void exportJson(OutputStream out) throws IOException;

  /** Stops the endpoint; the store is dropped. */
  @Override
  void close();

  /** Builds a {@link LocalCloudWatch}. Each option may be set once. */
  final class Builder {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    Integer port;
    Clock clock;
    String accountId;
    Integer maxBuckets;
    Long maxRawValues;

    private Builder() {}

    /**
     * The port on 127.0.0.1.
     *
     * @param port 0 to 65535; 0 (default) picks a free one
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
     * The wall clock: the default timestamp of PutMetricData, the window of accepted timestamps,
     * RecentlyActive, dashboards' LastModified and a page's time range.
     *
     * @param clock the clock; default system UTC
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Preconditions.setOnce("clock", this.clock, clock);
      return this;
    }

    /**
     * The account of dashboard ARNs.
     *
     * @param accountId 12 digits; default 000000000000
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
     * The bound on buckets.
     *
     * @param maxBuckets 1 to 10,000,000; default 100,000
     * @return this builder
     */
    public Builder maxBuckets(int maxBuckets) {
      if (maxBuckets < 1 || maxBuckets > 10_000_000) {
        throw new IllegalArgumentException("maxBuckets must be 1 to 10000000, was " + maxBuckets);
      }
      this.maxBuckets = Preconditions.setOnce("maxBuckets", this.maxBuckets, maxBuckets);
      return this;
    }

    /**
     * The bound on raw values kept for percentiles.
     *
     * @param maxRawValues 0 to 100,000,000; default 1,000,000
     * @return this builder
     */
    public Builder maxRawValues(long maxRawValues) {
      if (maxRawValues < 0 || maxRawValues > 100_000_000) {
        throw new IllegalArgumentException(
            "maxRawValues must be 0 to 100000000, was " + maxRawValues);
      }
      this.maxRawValues = Preconditions.setOnce("maxRawValues", this.maxRawValues, maxRawValues);
      return this;
    }

    /**
     * Starts the endpoint.
     *
     * @return the running local CloudWatch
     * @throws IOException when the port cannot be bound
     */
    public LocalCloudWatch build() throws IOException {
      return DefaultLocalCloudWatch.start(
          port == null ? 0 : port,
          clock == null ? Clock.systemUTC() : clock,
          accountId == null ? "000000000000" : accountId,
          new MetricStore(
              maxBuckets == null ? 100_000 : maxBuckets,
              maxRawValues == null ? 1_000_000 : maxRawValues));
    }
  }
}
