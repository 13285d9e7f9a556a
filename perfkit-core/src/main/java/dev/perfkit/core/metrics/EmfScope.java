package dev.perfkit.core.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One invocation's metrics; every access to the collected state holds the scope's lock. */
final class EmfScope implements MetricsScope {

  private final MetricsEmitter emitter;
  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final Map<String, String> dimensions;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private boolean flushed;

  EmfScope(MetricsEmitter emitter) {
    this.emitter = emitter;
    this.dimensions = new HashMap<>(emitter.defaultDimensions());
  }

  @Override
  public MetricsScope put(
      String name, double value, MetricUnit unit, StorageResolution resolution) {
    Names.metricName(name);
    Names.metricValue(name, value);
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(resolution, "resolution");
    if (emitter.dimensionKeys().contains(name)) {
      throw new IllegalArgumentException("metric name '" + name + "' is already a dimension key");
    }
    synchronized (this) {
      checkOpen();
      if (properties.containsKey(name)) {
        throw new IllegalArgumentException("metric name '" + name + "' is already a property");
      }
      Metric metric = metrics.get(name);
      if (metric == null) {
        metrics.put(name, new Metric(name, unit, resolution, value));
      } else {
        metric.add(unit, resolution, value);
      }
    }
    return this;
  }

  @Override
  public MetricsScope dimension(String key, String value) {
    Objects.requireNonNull(key, "dimension key");
    if (!emitter.dimensionKeys().contains(key)) {
      throw new IllegalArgumentException(
          "dimension '" + key + "' is in no dimension set; sets: " + emitter.dimensionSets());
    }
    Names.dimensionValue(key, value);
    synchronized (this) {
      checkOpen();
      dimensions.put(key, value);
    }
    return this;
  }

  @Override
  public MetricsScope property(String key, String value) {
    Objects.requireNonNull(value, () -> "value of property '" + key + "'");
    return putProperty(key, value);
  }

  @Override
  public MetricsScope property(String key, long value) {
    return putProperty(key, value);
  }

  @Override
  public MetricsScope property(String key, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "value of property '" + key + "' must be a finite number: " + value);
    }
    return putProperty(key, value);
  }

  @Override
  public MetricsScope property(String key, boolean value) {
    return putProperty(key, value);
  }

  private MetricsScope putProperty(String key, Object value) {
    Names.propertyKey(key);
    if (emitter.dimensionKeys().contains(key)) {
      throw new IllegalArgumentException(
          "property '" + key + "' is a dimension key; set it with dimension()");
    }
    synchronized (this) {
      checkOpen();
      if (metrics.containsKey(key)) {
        throw new IllegalArgumentException("property '" + key + "' is already a metric name");
      }
      properties.put(key, value);
    }
    return this;
  }

  @Override
  public synchronized void flush() {
    if (flushed) {
      return;
    }
    if (metrics.isEmpty()) {
      flushed = true;
      return;
    }
    for (List<String> set : emitter.dimensionSets()) {
      for (String key : set) {
        if (!dimensions.containsKey(key)) {
          throw new IllegalStateException(
              "dimension '"
                  + key
                  + "' of set "
                  + set
                  + " has no value; call dimension(\""
                  + key
                  + "\", value) before flush");
        }
      }
    }
    flushed = true;
    emitter
        .writer()
        .write(emitter.clock().millis(), dimensions, properties, metrics.values());
  }

  private void checkOpen() {
    if (flushed) {
      throw new IllegalStateException("this metrics scope was already flushed; open a new one");
    }
  }

  /** The values of one metric name, in the order they were recorded. */
  static final class Metric {
    final String name;
    final MetricUnit unit;
    final StorageResolution resolution;
    private double[] values;
    private int size;

    Metric(String name, MetricUnit unit, StorageResolution resolution, double first) {
      this.name = name;
      this.unit = unit;
      this.resolution = resolution;
      this.values = new double[] {first};
      this.size = 1;
    }

    void add(MetricUnit otherUnit, StorageResolution otherResolution, double value) {
      if (otherUnit != unit || otherResolution != resolution) {
        throw new IllegalArgumentException(
            "metric '"
                + name
                + "' was recorded with unit "
                + unit.cloudWatchName()
                + " and resolution "
                + resolution
                + "; got "
                + otherUnit.cloudWatchName()
                + " and "
                + otherResolution
                + " (one metric has one unit and resolution per document)");
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int size() {
      return size;
    }

    double value(int index) {
      return values[index];
    }
  }
}
