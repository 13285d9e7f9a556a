package dev.perfkit.core.clients;

import dev.perfkit.core.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.core.ClientType;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.warmup.SdkWarmUpProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/** The {@link ClientRegistry}: two connection pools, a client cache and a CRaC resource. */
final class PooledClientRegistry implements ClientRegistry {

  private static final System.Logger LOG = System.getLogger(ClientRegistry.class.getName());

  static final int HTTP_RETRIES = 3;
  static final String USER_AGENT = "perfkit/" + version();

  /** What {@link ClientRegistry.Builder} settled on. */
  record Settings(
      Environment environment,
      int maxConnections,
      int maxConnectionsPerRoute,
      int sdkMaxConnections,
      Duration connectTimeout,
      Duration responseTimeout,
      Optional<SSLContext> sslContext,
      Map<Class<?>, SdkClient> overrides) {}

  private final Map<Class<?>, SdkClient> overrides;
  private final Map<Class<?>, SdkClient> clients = new ConcurrentHashMap<>();
  private final PoolingHttpClientConnectionManager httpPool;
  private final CloseableHttpClient http;
  private final ResettableSdkHttpClient sdkHttp;
  private final SdkClientFactory factory;
  private final AtomicBoolean closed = new AtomicBoolean();
  // The CRaC context may hold resources weakly: this reference keeps the hook alive.
  private final Resource checkpointHook = new CheckpointHook();

  PooledClientRegistry(Settings settings) {
    this.overrides = settings.overrides();
    PoolingHttpClientConnectionManagerBuilder pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(settings.maxConnections())
            .setMaxConnPerRoute(settings.maxConnectionsPerRoute())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                    .build());
    settings
        .sslContext()
        .ifPresent(tls -> pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls)));
    this.httpPool = pool.build();
    this.http =
        HttpClients.custom()
            .setConnectionManager(httpPool)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(settings.responseTimeout()))
                    .build())
            .setRetryStrategy(
                new DefaultHttpRequestRetryStrategy(HTTP_RETRIES, TimeValue.ofSeconds(1)))
            .setUserAgent(USER_AGENT)
            .build();
    this.sdkHttp =
        new ResettableSdkHttpClient(
            () ->
                Apache5HttpClient.builder()
                    .maxConnections(settings.sdkMaxConnections())
                    .connectionTimeout(settings.connectTimeout())
                    .socketTimeout(settings.responseTimeout())
                    .build());
    this.factory = new SdkClientFactory(settings.environment(), sdkHttp);
    Core.getGlobalContext().register(checkpointHook);
  }

  static ClientRegistry shared() {
    return Shared.INSTANCE;
  }

  @Override
  public CloseableHttpClient http() {
    requireOpen();
    return http;
  }

  @Override
  public <T extends SdkClient> T client(Class<T> type) {
    Objects.requireNonNull(type, "type");
    requireOpen();
    SdkClient override = overrides.get(type);
    if (override != null) {
      return type.cast(override);
    }
    SdkClient client = clients.computeIfAbsent(type, key -> factory.create(type));
    if (closed.get()) {
      // close() ran while this client was built and may not have seen it.
      client.close();
      requireOpen();
    }
    return type.cast(client);
  }

  @Override
  public PrimeResult prime(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme();
    if (uri.getHost() == null
        || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw new IllegalArgumentException(
          "uri must be an absolute http or https URI, but was '" + uri + "'");
    }
    requireOpen();
    List<String> warmed = warmUpClients();
    try {
      int status =
          http.execute(
              new HttpGet(uri),
              response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
              });
      return new PrimeResult(status, warmed);
    } catch (IOException e) {
      throw new UncheckedIOException("prime: GET " + uri + " failed", e);
    }
  }

  /**
   * Runs the SDK's own warm-up of each registered client (built so far or handed in as an
   * override): a throwaway client of the same service sends one request through the whole pipeline
   * (marshalling, signing, unmarshalling) to a canned in-memory response. Unlike {@code SdkWarmUp},
   * this sends nothing over the network and lets failures reach the caller.
   */
  private List<String> warmUpClients() {
    Set<String> built = new HashSet<>();
    clients.keySet().forEach(type -> built.add(type.getName()));
    overrides.keySet().forEach(type -> built.add(type.getName()));
    List<String> warmed = new ArrayList<>();
    if (built.isEmpty()) {
      return warmed;
    }
    for (SdkWarmUpProvider provider :
        ServiceLoader.load(SdkWarmUpProvider.class, SdkWarmUpProvider.class.getClassLoader())) {
      String name = provider.syncClientClassName();
      if (built.contains(name)) {
        try {
          provider.warmUpClient(ClientType.SYNC);
        } catch (RuntimeException e) {
          throw new IllegalStateException("prime: the SDK warm-up of " + name + " failed", e);
        }
        warmed.add(name);
      }
    }
    return warmed;
  }

  /** The resource registered with the global CRaC context, for tests. */
  Resource checkpointHook() {
    return checkpointHook;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    clients.values().forEach(SdkClient::close);
    sdkHttp.close();
    http.close(CloseMode.GRACEFUL);
    factory.close();
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("ClientRegistry is closed");
    }
  }

  private static String version() {
    Properties properties = new Properties();
    try (InputStream in = PooledClientRegistry.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read perfkit's version.properties", e);
    }
    String version = properties.getProperty("version", "");
    return version.isBlank() || version.startsWith("${") ? "dev" : version;
  }

  /**
   * Before a checkpoint, warms the process for the snapshot (perfkit's preload list, then the SDK
   * warm-up of every registered client, neither touching the network), then drops pooled
   * connections, so no snapshot holds a dead socket.
   */
  private final class CheckpointHook implements Resource {

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
      if (closed.get()) {
        return;
      }
      ClassPreload.perfkit().load();
      try {
        warmUpClients();
      } catch (IllegalStateException e) {
        // A warm-up is an optimisation: the snapshot is still good without it.
        LOG.log(Level.WARNING, "SnapStart priming: an SDK client warm-up failed", e);
      }
      httpPool.closeExpired();
      httpPool.closeIdle(TimeValue.ZERO_MILLISECONDS);
      sdkHttp.reset();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
      if (!closed.get()) {
        sdkHttp.reopen();
      }
    }
  }

  private static final class Shared {
    static final ClientRegistry INSTANCE = ClientRegistry.builder(Environment.system()).build();
  }
}
