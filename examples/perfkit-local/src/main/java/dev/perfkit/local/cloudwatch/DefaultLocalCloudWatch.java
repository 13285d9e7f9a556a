package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** The local CloudWatch: the store, its feeds, the operations and the HTTP server. */
final class DefaultLocalCloudWatch implements LocalCloudWatch {

  private static final int THREADS = 8;

  private final Clock clock;
  private final MetricStore store;
  private final Dashboards dashboards = new Dashboards();
  private final EmfExtractor logs;
  private final LambdaMetrics lambda;
  private final ApiGatewayMetrics apiGateway;
  private final SqsMetrics sqs;
  private final Endpoint endpoint;
  private final ExecutorService executor =
      Executors.newFixedThreadPool(THREADS, DaemonThreadFactory.named("perfkit-cloudwatch"));
  private HttpServer server;

  private DefaultLocalCloudWatch(Clock clock, String accountId, MetricStore store) {
    this.clock = clock;
    this.store = store;
    this.logs = new EmfExtractor(store, clock);
    Publisher publisher = new Publisher(store);
    this.lambda = new LambdaMetrics(publisher);
    this.apiGateway = new ApiGatewayMetrics(publisher);
    this.sqs = new SqsMetrics(publisher);
    GetMetricData getMetricData = new GetMetricData(store);
    GetMetricStatistics getMetricStatistics = new GetMetricStatistics(store);
    ListMetrics listMetrics = new ListMetrics(store, clock);
    PutMetricData putMetricData = new PutMetricData(store, clock);
    DashboardOperations dashboardOperations = new DashboardOperations(dashboards, clock, accountId);
    Map<String, Function<Input, JsonNode>> operations = new LinkedHashMap<>();
    operations.put("GetMetricData", getMetricData::handle);
    operations.put("GetMetricStatistics", getMetricStatistics::handle);
    operations.put("ListMetrics", listMetrics::handle);
    operations.put(
        "PutMetricData",
        input -> {
          putMetricData.handle(input);
          return null;
        });
    operations.put("PutDashboard", dashboardOperations::put);
    operations.put("GetDashboard", dashboardOperations::get);
    operations.put("ListDashboards", dashboardOperations::list);
    operations.put("DeleteDashboards", dashboardOperations::delete);
    this.endpoint =
        new Endpoint(operations, new DashboardPage(dashboards, getMetricData, clock, this::usage));
  }

  static LocalCloudWatch start(int port, Clock clock, String accountId, MetricStore store)
      throws IOException {
    DefaultLocalCloudWatch cloudWatch = new DefaultLocalCloudWatch(clock, accountId, store);
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
      server.setExecutor(cloudWatch.executor);
      server.createContext("/", cloudWatch.endpoint);
      server.start();
      cloudWatch.server = server;
    } catch (IOException | RuntimeException e) {
      cloudWatch.executor.shutdownNow();
      throw e;
    }
    return cloudWatch;
  }

  /** Requests answered so far by {@code protocol} (query, json, cbor) and {@code operation}. */
  long requests(String protocol, String operation) {
    return endpoint.requests(protocol, operation);
  }

  @Override
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public URI dashboardPage(String name) {
    Objects.requireNonNull(name, "name");
    return URI.create(
        endpoint() + "/dashboards/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
  }

  @Override
  public EmfLogs logs() {
    return logs;
  }

  @Override
  public LambdaMetrics lambda() {
    return lambda;
  }

  @Override
  public ApiGatewayMetrics apiGateway() {
    return apiGateway;
  }

  @Override
  public SqsMetrics sqs() {
    return sqs;
  }

  @Override
  public StoreUsage usage() {
    return store.usage(logs.extracted(), logs.rejected());
  }

  @Override
  public void exportJson(OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    StoreExport.write(out, clock.instant(), usage(), store, dashboards);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
