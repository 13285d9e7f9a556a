package dev.perfkit.bench.coldstart;

import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.handlers.PerformanceFunction;
import java.io.OutputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link PerformanceFunction} with a no-argument constructor, as the Lambda runtime instantiates
 * handlers: the no-argument path of PerformanceFunction (shared cold-start tracker, its own client
 * registry) but configured from a fixed environment instead of the process's, and with its EMF
 * documents discarded instead of printed, so that a benchmark fork neither needs variables set nor
 * prints to JMH's console.
 *
 * <p>The environment is an on-demand Lambda's: region, access keys, and a DynamoDB endpoint on a
 * loopback port nothing listens on (no request is sent; building a client opens no connection).
 */
public class PerfkitHandler extends PerformanceFunction {

  static final Map<String, String> VARIABLES =
      Map.of(
          "AWS_REGION", "us-east-1",
          "AWS_ACCESS_KEY_ID", "perfkit",
          "AWS_SECRET_ACCESS_KEY", "perfkit",
          "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1");

  /** PerformanceFunction as Lambda builds it; its DynamoDB client is built on first use. */
  public PerfkitHandler() {
    this(false);
  }

  PerfkitHandler(boolean buildDynamoDbClient) {
    super(configuration(buildDynamoDbClient));
  }

  /**
   * The same function, its registry's DynamoDB client built during initialisation: what the bare
   * handler builds, through perfkit.
   */
  public static class WithDynamoDbClient extends PerfkitHandler {
    public WithDynamoDbClient() {
      super(true);
    }
  }

  private static Configuration configuration(boolean buildDynamoDbClient) {
    Environment environment = Environment.of(VARIABLES);
    // Lives as long as the execution environment, as ClientRegistry.shared() does.
    ClientRegistry clients = ClientRegistry.builder(environment).build();
    if (buildDynamoDbClient) {
      clients.client(DynamoDbClient.class);
    }
    return Configuration.builder(environment, clients)
        .coldStarts(ColdStartTracker.shared())
        .metricsSink(MetricsSink.of(OutputStream.nullOutputStream()))
        .build();
  }
}
