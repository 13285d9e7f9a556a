package dev.perfkit.core.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One invocation's metrics; every access to the collected state holds the scope's lock.
 *
 * <p>Everything is kept in flat arrays (no map, no boxing): one invocation records about ten
 * values, and this is on every invocation's path.
 */
final class EmfScope implements MetricsScope {

  private static final int INITIAL_METRICS = 8;
  private static final int INITIAL_PROPERTIES = 4;

  static final byte TEXT = 0;
  static final byte LONG = 1;
  static final byte DOUBLE = 2;
  static final byte BOOLEAN = 3;

  private final MetricsEmitter emitter;

  /** Values by the emitter's dimension key position; null where none was given. */
  private final String[] dimensions;

  private final NameIndex metrics = new NameIndex(INITIAL_METRICS);
  private MetricUnit[] units = new MetricUnit[INITIAL_METRICS];
  private StorageResolution[] resolutions = new StorageResolution[INITIAL_METRICS];

  /** The first (usually only) value of each metric. */
  private double[] firstValues = new double[INITIAL_METRICS];

  /** Every value of the metrics recorded more than once; null until one is. */
  private Series[] series;

  private final NameIndex properties = new NameIndex(INITIAL_PROPERTIES);
  private byte[] propertyKinds = new byte[INITIAL_PROPERTIES];
  private String[] propertyTexts = new String[INITIAL_PROPERTIES];

  /** A long, a double's raw bits or a boolean as 0/1, by {@link #propertyKinds}. */
  private long[] propertyNumbers = new long[INITIAL_PROPERTIES];

  private boolean flushed;

  EmfScope(MetricsEmitter emitter) {
    this.emitter = emitter;
    this.dimensions = emitter.defaultDimensionValues();
  }

  @Override
  public MetricsScope put(
      String name, double value, MetricUnit unit, StorageResolution resolution) {
    Names.metricName(name);
    Names.metricValue(name, value);
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(resolution, "resolution");
    if (emitter.dimensionPosition(name) >= 0) {
      throw new IllegalArgumentException("metric name '" + name + "' is already a dimension key");
    }
    synchronized (this) {
      checkOpen();
      int position = metrics.indexOf(name);
      if (position >= 0) {
        addValue(position, unit, resolution, value);
        return this;
      }
      if (properties.indexOf(name) >= 0) {
        throw new IllegalArgumentException("metric name '" + name + "' is already a property");
      }
      position = metrics.add(name);
      if (position == units.length) {
        int capacity = metrics.capacity();
        units = Arrays.copyOf(units, capacity);
        resolutions = Arrays.copyOf(resolutions, capacity);
        firstValues = Arrays.copyOf(firstValues, capacity);
        if (series != null) {
          series = Arrays.copyOf(series, capacity);
        }
      }
      units[position] = unit;
      resolutions[position] = resolution;
      firstValues[position] = value;
    }
    return this;
  }

  private void addValue(int position, MetricUnit unit, StorageResolution resolution, double value) {
    if (unit != units[position] || resolution != resolutions[position]) {
      throw new IllegalArgumentException(
          "metric '"
              + metrics.name(position)
              + "' was recorded with unit "
              + units[position].cloudWatchName()
              + " and resolution "
              + resolutions[position]
              + "; got "
              + unit.cloudWatchName()
              + " and "
              + resolution
              + " (one metric has one unit and resolution per document)");
    }
    if (series == null) {
      series = new Series[units.length];
    }
    Series values = series[position];
    if (values == null) {
      values = new Series(firstValues[position]);
      series[position] = values;
    }
    values.add(value);
  }

  @Override
  public MetricsScope dimension(String key, String value) {
    Objects.requireNonNull(key, "dimension key");
    int position = emitter.dimensionPosition(key);
    if (position < 0) {
      throw new IllegalArgumentException(
          "dimension '" + key + "' is in no dimension set; sets: " + emitter.dimensionSets());
    }
    Names.dimensionValue(key, value);
    synchronized (this) {
      checkOpen();
      dimensions[position] = value;
    }
    return this;
  }

  @Override
  public MetricsScope property(String key, String value) {
    Objects.requireNonNull(value, () -> "value of property '" + key + "'");
    return putProperty(key, TEXT, value, 0);
  }

  @Override
  public MetricsScope property(String key, long value) {
    return putProperty(key, LONG, null, value);
  }

  @Override
  public MetricsScope property(String key, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "value of property '" + key + "' must be a finite number: " + value);
    }
    return putProperty(key, DOUBLE, null, Double.doubleToRawLongBits(value));
  }

  @Override
  public MetricsScope property(String key, boolean value) {
    return putProperty(key, BOOLEAN, null, value ? 1 : 0);
  }

  private MetricsScope putProperty(String key, byte kind, String text, long number) {
    Names.propertyKey(key);
    if (emitter.dimensionPosition(key) >= 0) {
      throw new IllegalArgumentException(
          "property '" + key + "' is a dimension key; set it with dimension()");
    }
    synchronized (this) {
      checkOpen();
      int position = properties.indexOf(key);
      if (position < 0) {
        if (metrics.indexOf(key) >= 0) {
          throw new IllegalArgumentException("property '" + key + "' is already a metric name");
        }
        position = properties.add(key);
        if (position == propertyKinds.length) {
          int capacity = properties.capacity();
          propertyKinds = Arrays.copyOf(propertyKinds, capacity);
          propertyTexts = Arrays.copyOf(propertyTexts, capacity);
          propertyNumbers = Arrays.copyOf(propertyNumbers, capacity);
        }
      }
      propertyKinds[position] = kind;
      propertyTexts[position] = text;
      propertyNumbers[position] = number;
    }
    return this;
  }

  @Override
  public synchronized void flush() {
    if (flushed) {
      return;
    }
    if (metrics.size() == 0) {
      flushed = true;
      return;
    }
    for (int i = 0; i < dimensions.length; i++) {
      if (dimensions[i] == null) {
        throw missingDimension(emitter.dimensionKeys().get(i));
      }
    }
    flushed = true;
    emitter.writer().write(emitter.clock().millis(), this);
  }

  private IllegalStateException missingDimension(String key) {
    List<String> set =
        emitter.dimensionSets().stream()
            .filter(keys -> keys.contains(key))
            .findFirst()
            .orElseThrow();
    return new IllegalStateException(
        "dimension '"
            + key
            + "' of set "
            + set
            + " has no value; call dimension(\""
            + key
            + "\", value) before flush");
  }

  private void checkOpen() {
    if (flushed) {
      throw new IllegalStateException("this metrics scope was already flushed; open a new one");
    }
  }

  // Read by EmfWriter during flush, under the scope's lock.

  String dimensionValue(int position) {
    return dimensions[position];
  }

  int metricCount() {
    return metrics.size();
  }

  String metricName(int metric) {
    return metrics.name(metric);
  }

  MetricUnit unit(int metric) {
    return units[metric];
  }

  StorageResolution resolution(int metric) {
    return resolutions[metric];
  }

  int valueCount(int metric) {
    Series values = series == null ? null : series[metric];
    return values == null ? 1 : values.size;
  }

  double value(int metric, int index) {
    Series values = series == null ? null : series[metric];
    return values == null ? firstValues[metric] : values.values[index];
  }

  int propertyCount() {
    return properties.size();
  }

  String propertyKey(int property) {
    return properties.name(property);
  }

  byte propertyKind(int property) {
    return propertyKinds[property];
  }

  String propertyText(int property) {
    return propertyTexts[property];
  }

  long propertyNumber(int property) {
    return propertyNumbers[property];
  }

  /** The values of a metric recorded more than once, in the order they were recorded. */
  private static final class Series {
    private double[] values = new double[4];
    private int size;

    Series(double first) {
      values[0] = first;
      size = 1;
    }

    void add(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
  }
}
