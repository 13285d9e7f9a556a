package dev.perfkit.core.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.core.Environment;
import dev.perfkit.core.coldstart.ColdStartTracker;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsSink;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@link ApiGatewayPipeline#prime}: a request served by a twin of the pipeline, with the same
 * router, mapper and settings, whose EMF documents are written to a sink that drops them and whose
 * cold-start tracker is its own. Binding, routing, the operation, the answer and the EMF writer all
 * run, so their classes are loaded and their code warmed; the execution environment's tracker and
 * its metrics see nothing.
 */
final class Priming {

  /** Where the twin's documents go: nowhere. */
  static final MetricsSink DISCARD = (utf8Json, offset, length) -> {};

  private Priming() {}

  /**
   * Serves {@code event} with the pipeline {@code twin} builds (see {@link
   * ApiGatewayPipeline.Builder#forPriming}).
   *
   * @throws IllegalStateException when the answer is not a 2xx: a priming request that fails warms
   *     the error path, not the one the function serves
   */
  static APIGatewayProxyResponseEvent run(
      ApiGatewayPipeline.Builder twin, APIGatewayProxyRequestEvent event) {
    Objects.requireNonNull(event, "event");
    APIGatewayProxyResponseEvent response = twin.build().handle(event, null);
    int status = response.getStatusCode() == null ? 0 : response.getStatusCode();
    if (status < 200 || status > 299) {
      throw new IllegalStateException(
          "the priming request was answered " + status + ": " + response.getBody());
    }
    return response;
  }

  /** The emitter of {@code metrics}'s namespace and dimension sets, writing to {@link #DISCARD}. */
  static MetricsEmitter silent(MetricsEmitter metrics) {
    MetricsEmitter.Builder silent = MetricsEmitter.builder().namespace(metrics.namespace());
    for (List<String> set : metrics.dimensionSets()) {
      silent.dimensionSet(set.toArray(String[]::new));
    }
    return silent.sink(DISCARD).build();
  }

  /** A tracker of the twin's own, so that the priming request is its cold start. */
  static ColdStartTracker ownColdStarts(Environment environment) {
    return ColdStartTracker.create(environment, Clock.systemUTC(), Instant.now());
  }
}
