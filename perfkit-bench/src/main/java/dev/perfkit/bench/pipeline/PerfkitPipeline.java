package dev.perfkit.bench.pipeline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.metrics.MetricsSink;
import dev.perfkit.handlers.PerformanceFunction;
import java.io.OutputStream;
import java.util.Map;

/** perfkit's side: a {@link PerformanceFunction} writing its EMF documents to {@code emf}. */
final class PerfkitPipeline implements AutoCloseable {

  private final ClientRegistry clients;
  private final PerformanceFunction function;

  PerfkitPipeline(OutputStream emf) {
    Environment environment = Environment.of(Map.of());
    this.clients = ClientRegistry.builder(environment).build();
    this.function =
        new PerformanceFunction(
            PerformanceFunction.Configuration.builder(environment, clients)
                .metricsSink(MetricsSink.of(emf))
                .build());
  }

  APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
    return function.handleRequest(event, context);
  }

  @Override
  public void close() {
    clients.close();
  }
}
