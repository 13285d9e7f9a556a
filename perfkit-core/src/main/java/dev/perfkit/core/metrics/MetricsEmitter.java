package dev.perfkit.core.metrics;

import dev.perfkit.core.Preconditions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes CloudWatch Embedded Metric Format (EMF) documents. Configure one per function, when the
 * handler is created, and open a {@link MetricsScope} per invocation. Thread-safe.
 *
 * <pre>{@code
 * MetricsEmitter emitter = MetricsEmitter.builder()
 *     .namespace("HighPerformance")
 *     .dimensionSet("FunctionName")
 *     .dimensionSet("FunctionName", "Operation")
 *     .defaultDimension("FunctionName", functionName)
 *     .build();
 *
 * try (MetricsScope metrics = emitter.newScope()) {
 *   metrics.dimension("Operation", "cpu_intensive")
 *       .property("RequestId", context.getAwsRequestId())
 *       .put("ExecutionTime", elapsedMillis, MetricUnit.MILLISECONDS);
 * } // one document: ExecutionTime by FunctionName, and by FunctionName + Operation
 * }</pre>
 */
public final class MetricsEmitter {

  private final String namespace;
  private final List<List<String>> dimensionSets;

  /** Every key of the dimension sets, each once, in the order the sets name them. */
  private final List<String> dimensionKeys;

  private final String[] dimensionKeyArray;

  /** The default value of each key in {@link #dimensionKeys}, null where there is none. */
  private final String[] defaultDimensionValues;

  private final Clock clock;
  private final EmfWriter writer;

  private MetricsEmitter(Builder builder) {
    this.namespace = builder.namespace;
    this.dimensionSets =
        builder.dimensionSets.isEmpty() ? List.of(List.of()) : List.copyOf(builder.dimensionSets);
    Set<String> keys = new LinkedHashSet<>();
    dimensionSets.forEach(keys::addAll);
    this.dimensionKeys = List.copyOf(keys);
    this.dimensionKeyArray = dimensionKeys.toArray(String[]::new);
    this.defaultDimensionValues = new String[dimensionKeyArray.length];
    for (int i = 0; i < dimensionKeyArray.length; i++) {
      defaultDimensionValues[i] = builder.defaultDimensions.get(dimensionKeyArray[i]);
    }
    this.clock = builder.clock == null ? Clock.systemUTC() : builder.clock;
    MetricsSink sink = builder.sink == null ? MetricsSink.stdout() : builder.sink;
    this.writer =
        new EmfWriter(namespace, dimensionSets, dimensionKeys, defaultDimensionValues, sink);
  }

  /**
   * A builder; only the namespace is required.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A new, empty scope for one invocation, holding the emitter's default dimension values.
   *
   * @return the scope; flush it once, when the invocation is answered
   */
  public MetricsScope newScope() {
    return new EmfScope(this);
  }

  /**
   * The CloudWatch namespace of every document.
   *
   * @return the namespace
   */
  public String namespace() {
    return namespace;
  }

  /**
   * The dimension sets of every document.
   *
   * @return the sets, in order; one empty set when none was configured
   */
  public List<List<String>> dimensionSets() {
    return dimensionSets;
  }

  List<String> dimensionKeys() {
    return dimensionKeys;
  }

  /** The position of {@code key} in {@link #dimensionKeys()}, or -1 when no set names it. */
  int dimensionPosition(String key) {
    // A handful of keys: a scan beats a map lookup, and every put and property asks.
    int hash = key.hashCode();
    for (int i = 0; i < dimensionKeyArray.length; i++) {
      String candidate = dimensionKeyArray[i];
      if (candidate.hashCode() == hash && candidate.equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** A new array of the default value of each dimension key, null where there is none. */
  String[] defaultDimensionValues() {
    return defaultDimensionValues.clone();
  }

  Clock clock() {
    return clock;
  }

  EmfWriter writer() {
    return writer;
  }

  /**
   * Configures a {@link MetricsEmitter}. Each option may be set once; invalid values fail here, not
   * at the first flush.
   */
  public static final class Builder {
    private String namespace;
    private final List<List<String>> dimensionSets = new ArrayList<>();
    private final Map<String, String> defaultDimensions = new LinkedHashMap<>();
    private MetricsSink sink;
    private Clock clock;

    private Builder() {}

    /**
     * The CloudWatch namespace (required).
     *
     * @param namespace 1 to 255 of {@code a-zA-Z0-9._#:/-}, not starting with {@code AWS/}
     * @return this builder
     * @throws IllegalArgumentException for an invalid namespace
     * @throws IllegalStateException when it was already set
     */
    public Builder namespace(String namespace) {
      Names.namespace(namespace);
      this.namespace = Preconditions.setOnce("namespace", this.namespace, namespace);
      return this;
    }

    /**
     * Adds a dimension set: the metrics are published once per set, keyed by these dimensions. At
     * most 30 keys; no key twice; no set twice. An empty set publishes the metrics without
     * dimensions. Without any set, the emitter uses one empty set.
     *
     * @param keys the dimension keys of the set
     * @return this builder
     * @throws IllegalArgumentException for an invalid key, a key twice, or a set added before
     */
    public Builder dimensionSet(String... keys) {
      Objects.requireNonNull(keys, "keys");
      if (keys.length > Names.MAX_DIMENSIONS_PER_SET) {
        throw new IllegalArgumentException(
            "a dimension set holds at most "
                + Names.MAX_DIMENSIONS_PER_SET
                + " keys, got "
                + keys.length
                + ": "
                + List.of(keys));
      }
      Set<String> unique = new LinkedHashSet<>();
      for (String key : keys) {
        if (!unique.add(Names.dimensionKey(key))) {
          throw new IllegalArgumentException(
              "dimension key '" + key + "' appears twice in set " + List.of(keys));
        }
      }
      List<String> set = List.copyOf(unique);
      for (List<String> existing : dimensionSets) {
        if (Set.copyOf(existing).equals(unique)) {
          throw new IllegalArgumentException("dimension set " + set + " was already added");
        }
      }
      dimensionSets.add(set);
      return this;
    }

    /**
     * A dimension value every scope starts with, e.g. the function name; a scope may replace it.
     * The key must be in a dimension set added before this call.
     *
     * @param key the dimension key
     * @param value its value in every scope that does not set another
     * @return this builder
     * @throws IllegalArgumentException for an invalid key or value, or a key in no set
     * @throws IllegalStateException when the key's default was already set
     */
    public Builder defaultDimension(String key, String value) {
      Names.dimensionKey(key);
      Names.dimensionValue(key, value);
      if (dimensionSets.stream().noneMatch(set -> set.contains(key))) {
        throw new IllegalArgumentException(
            "default dimension '" + key + "' is in no dimension set; sets: " + dimensionSets);
      }
      defaultDimensions.put(
          key,
          Preconditions.setOnce(
              "default dimension '" + key + "'", defaultDimensions.get(key), value));
      return this;
    }

    /**
     * Where documents go; standard output by default.
     *
     * @param sink the sink
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder sink(MetricsSink sink) {
      this.sink = Preconditions.setOnce("sink", this.sink, sink);
      return this;
    }

    /**
     * The clock of each document's timestamp; the system UTC clock by default.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException when it was already set
     */
    public Builder clock(Clock clock) {
      this.clock = Preconditions.setOnce("clock", this.clock, clock);
      return this;
    }

    /**
     * The emitter.
     *
     * @return the emitter
     * @throws IllegalStateException when no namespace was set
     */
    public MetricsEmitter build() {
      if (namespace == null) {
        throw new IllegalStateException("namespace is required, e.g. namespace(\"MyService\")");
      }
      return new MetricsEmitter(this);
    }
  }
}
