package dev.perfkit.core.apigateway;

import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.MetricsScope;
import dev.perfkit.core.metrics.StorageResolution;

/**
 * The scope of an invocation whose metrics are switched off: it takes everything, writes nothing.
 */
final class DiscardingScope implements MetricsScope {

  @Override
  public MetricsScope put(
      String name, double value, MetricUnit unit, StorageResolution resolution) {
    return this;
  }

  @Override
  public MetricsScope dimension(String key, String value) {
    return this;
  }

  @Override
  public MetricsScope property(String key, String value) {
    return this;
  }

  @Override
  public MetricsScope property(String key, long value) {
    return this;
  }

  @Override
  public MetricsScope property(String key, double value) {
    return this;
  }

  @Override
  public MetricsScope property(String key, boolean value) {
    return this;
  }

  @Override
  public void flush() {}
}
