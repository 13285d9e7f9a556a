package dev.perfkit.core.metrics;

/**
 * The metrics of one invocation: collected from any thread, written as one EMF document by
 * {@link #flush()} (more only where EMF's limits force a split), or none when nothing was
 * recorded.
 *
 * <p>Names are shared by metrics, dimensions and properties: a name used for one kind cannot be
 * used for another in the same scope. After {@link #flush()} the scope is spent and every
 * recording method throws {@link IllegalStateException}.
 */
public interface MetricsScope extends AutoCloseable {

  /** Records {@code value} for metric {@code name} at standard resolution. */
  default MetricsScope put(String name, double value, MetricUnit unit) {
    return put(name, value, unit, StorageResolution.STANDARD);
  }

  /**
   * Records {@code value} for metric {@code name}. Recording a name again adds a value to it (the
   * document then holds an array); the unit and resolution must stay the same.
   *
   * @throws IllegalArgumentException for an invalid name, a non-finite value, a unit or resolution
   *     that differs from the first recording, or a name already used by a dimension or property
   */
  MetricsScope put(String name, double value, MetricUnit unit, StorageResolution resolution);

  /**
   * Sets the value of dimension {@code key}, which must appear in one of the emitter's dimension
   * sets. Setting it again replaces the value.
   */
  MetricsScope dimension(String key, String value);

  /** Adds a non-dimension field, e.g. the request id; searchable in Logs Insights, not a metric. */
  MetricsScope property(String key, String value);

  /** Adds a numeric non-dimension field, e.g. the memory size. */
  MetricsScope property(String key, long value);

  /** Adds a numeric non-dimension field; the value must be finite. */
  MetricsScope property(String key, double value);

  /** Adds a boolean non-dimension field, e.g. whether this was a cold start. */
  MetricsScope property(String key, boolean value);

  /**
   * Writes the collected metrics to the sink and ends the scope; a second call does nothing.
   *
   * @throws IllegalStateException when a dimension named in a set has no value; nothing is
   *     written and the scope stays open, so the value can be supplied and flush called again
   * @throws java.io.UncheckedIOException when the sink fails; the scope is ended all the same so
   *     that a retry cannot write a document twice
   */
  void flush();

  /** {@link #flush()}, so that try-with-resources writes the document. */
  @Override
  default void close() {
    flush();
  }
}
