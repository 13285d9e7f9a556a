package dev.perfkit.core.clients;

import dev.perfkit.core.Environment;
import dev.perfkit.core.Preconditions;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import software.amazon.awssdk.core.SdkClient;

/**
 * Pooled HTTP and AWS SDK clients, created once per execution environment and shared by every
 * invocation and thread.
 *
 * <p>{@link #http()} is one Apache HttpClient 5 over a connection pool (3 retries of idempotent
 * requests, User-Agent {@code perfkit/<version>}). {@link #client(Class)} builds any AWS SDK v2
 * synchronous client on first use; all of them share one SDK Apache connection pool and retry
 * adaptively, 3 attempts in all. They are configured from the injected {@link Environment}:
 *
 * <ul>
 *   <li>region: {@code AWS_REGION}, else {@code us-east-1};
 *   <li>endpoint: {@code AWS_ENDPOINT_URL_<SERVICE>} (e.g. {@code AWS_ENDPOINT_URL_DYNAMODB}), else
 *       {@code AWS_ENDPOINT_URL}, neither when {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true};
 *   <li>credentials: {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code
 *       AWS_SESSION_TOKEN} when set (as on on-demand Lambda), else the SDK's default chain.
 * </ul>
 *
 * <p>The registry registers a CRaC resource: a SnapStart snapshot holds no pooled connection, and
 * the pools work again after restore.
 *
 * <pre>{@code
 * ClientRegistry clients = ClientRegistry.shared();
 * DynamoDbClient dynamo = clients.client(DynamoDbClient.class);
 * }</pre>
 */
public interface ClientRegistry extends AutoCloseable {

  /**
   * The registry this execution environment shares, configured from the process environment and
   * created on first call. Handlers' no-argument constructors use it; do not close it.
   *
   * @return the one shared registry of this JVM
   */
  static ClientRegistry shared() {
    return PooledClientRegistry.shared();
  }

  /**
   * A builder for a registry configured from {@code environment}.
   *
   * @param environment where region, endpoints and credentials are read
   * @return the builder
   */
  static Builder builder(Environment environment) {
    return new Builder(Objects.requireNonNull(environment, "environment"));
  }

  /**
   * The shared Apache HttpClient 5. The registry owns it: do not close it.
   *
   * @return the same client on every call
   * @throws IllegalStateException after {@link #close()}
   */
  CloseableHttpClient http();

  /**
   * The registry's client of type {@code type}, e.g. {@code DynamoDbClient.class}: the override
   * handed to the builder if any, else one built on first use through the type's static {@code
   * builder()} and returned to every later caller.
   *
   * @param type the client interface, e.g. {@code DynamoDbClient.class}
   * @param <T> the client type
   * @return the registry's one client of that type
   * @throws IllegalArgumentException when {@code type} is not an AWS SDK v2 synchronous client
   *     interface with a static {@code builder()}
   * @throws IllegalStateException after {@link #close()}
   */
  <T extends SdkClient> T client(Class<T> type);

  /**
   * Warms the process before a snapshot: runs the AWS SDK's warm-up of each client built so far (a
   * request through the client's whole pipeline to a canned in-memory response, no network), then
   * sends one GET to {@code uri} over {@link #http()}, which loads the HTTP and TLS classes and
   * opens a pooled connection.
   *
   * @param uri an absolute http or https URI to GET, e.g. the service the function calls
   * @return the GET's status code (any status, not only 2xx) and the clients warmed
   * @throws java.io.UncheckedIOException when the GET fails
   * @throws IllegalStateException when an SDK warm-up fails, or after {@link #close()}
   * @throws IllegalArgumentException when {@code uri} is not an absolute http or https URI
   */
  PrimeResult prime(URI uri);

  /**
   * Closes every client the registry built, the SDK connection pool and {@link #http()}. Clients
   * handed in as overrides belong to the caller and stay open. Closing twice does nothing.
   */
  @Override
  void close();

  /**
   * Configures a {@link ClientRegistry}. Each option may be set once; every value is checked when
   * it is set.
   */
  final class Builder {

    static final int DEFAULT_MAX_CONNECTIONS = 20;
    static final int DEFAULT_MAX_CONNECTIONS_PER_ROUTE = 20;
    static final int DEFAULT_SDK_MAX_CONNECTIONS = 50;
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    final Environment environment;
    Integer maxConnections;
    Integer maxConnectionsPerRoute;
    Integer sdkMaxConnections;
    Duration connectTimeout;
    Duration responseTimeout;
    SSLContext sslContext;
    final Map<Class<?>, SdkClient> overrides = new LinkedHashMap<>();

    private Builder(Environment environment) {
      this.environment = environment;
    }

    /**
     * Most connections {@link #http()} keeps open in total; default 20.
     *
     * @param maxConnections 1 or more
     * @return this builder
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when it was already set
     */
    public Builder maxConnections(int maxConnections) {
      requirePositive(maxConnections, "maxConnections");
      this.maxConnections =
          Preconditions.setOnce("maxConnections", this.maxConnections, maxConnections);
      return this;
    }

    /**
     * Most connections {@link #http()} keeps open to one host; default 20.
     *
     * @param maxConnectionsPerRoute 1 or more, at most {@link #maxConnections}
     * @return this builder
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when it was already set
     */
    public Builder maxConnectionsPerRoute(int maxConnectionsPerRoute) {
      requirePositive(maxConnectionsPerRoute, "maxConnectionsPerRoute");
      this.maxConnectionsPerRoute =
          Preconditions.setOnce(
              "maxConnectionsPerRoute", this.maxConnectionsPerRoute, maxConnectionsPerRoute);
      return this;
    }

    /**
     * Most connections all SDK clients share; default 50.
     *
     * @param sdkMaxConnections 1 or more
     * @return this builder
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when it was already set
     */
    public Builder sdkMaxConnections(int sdkMaxConnections) {
      requirePositive(sdkMaxConnections, "sdkMaxConnections");
      this.sdkMaxConnections =
          Preconditions.setOnce("sdkMaxConnections", this.sdkMaxConnections, sdkMaxConnections);
      return this;
    }

    /**
     * How long opening a connection may take, for {@link #http()} and SDK clients; default 2 s.
     *
     * @param connectTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when it was already set
     */
    public Builder connectTimeout(Duration connectTimeout) {
      requirePositive(connectTimeout, "connectTimeout");
      this.connectTimeout =
          Preconditions.setOnce("connectTimeout", this.connectTimeout, connectTimeout);
      return this;
    }

    /**
     * How long to wait for response data, for {@link #http()} and SDK clients (the SDK's socket
     * timeout); default 30 s.
     *
     * @param responseTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when it was already set
     */
    public Builder responseTimeout(Duration responseTimeout) {
      requirePositive(responseTimeout, "responseTimeout");
      this.responseTimeout =
          Preconditions.setOnce("responseTimeout", this.responseTimeout, responseTimeout);
      return this;
    }

    /**
     * The TLS context of {@link ClientRegistry#http()}'s connections, e.g. one that trusts a
     * private CA; by default HttpClient's, which trusts the JDK's default trust store. Host names
     * are verified either way. SDK clients keep the SDK's own TLS settings.
     *
     * @param sslContext the client TLS context
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Preconditions.setOnce("sslContext", this.sslContext, sslContext);
      return this;
    }

    /**
     * Makes {@link ClientRegistry#client(Class)} return {@code client} for {@code type}, e.g. a
     * client the caller configured itself. The caller keeps ownership: the registry does not close
     * it.
     *
     * @param type the client interface, e.g. {@code DynamoDbClient.class}
     * @param client the client to hand out for it
     * @param <T> the client type
     * @return this builder
     * @throws IllegalArgumentException when {@code client} is not a {@code type}
     * @throws IllegalStateException when an override for {@code type} was already set
     */
    public <T extends SdkClient> Builder override(Class<T> type, T client) {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(client, "client");
      if (!type.isInstance(client)) {
        throw new IllegalArgumentException(
            "client is a " + client.getClass().getName() + ", not a " + type.getName());
      }
      overrides.put(
          type,
          Preconditions.setOnce("override for " + type.getName(), overrides.get(type), client));
      return this;
    }

    /**
     * Creates the registry and its connection pools.
     *
     * @return the registry; close it to close its clients and pools
     * @throws IllegalArgumentException when maxConnectionsPerRoute exceeds maxConnections
     */
    public ClientRegistry build() {
      int total = maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections;
      int perRoute =
          maxConnectionsPerRoute == null
              ? Math.min(DEFAULT_MAX_CONNECTIONS_PER_ROUTE, total)
              : maxConnectionsPerRoute;
      if (perRoute > total) {
        throw new IllegalArgumentException(
            "maxConnectionsPerRoute ("
                + perRoute
                + ") must not exceed maxConnections ("
                + total
                + ")");
      }
      return new PooledClientRegistry(
          new PooledClientRegistry.Settings(
              environment,
              total,
              perRoute,
              sdkMaxConnections == null ? DEFAULT_SDK_MAX_CONNECTIONS : sdkMaxConnections,
              connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout,
              responseTimeout == null ? DEFAULT_RESPONSE_TIMEOUT : responseTimeout,
              Optional.ofNullable(sslContext),
              Map.copyOf(overrides)));
    }

    private static int requirePositive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be 1 or more, but was " + value);
      }
      return value;
    }

    private static Duration requirePositive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, but was " + value);
      }
      return value;
    }
  }
}
