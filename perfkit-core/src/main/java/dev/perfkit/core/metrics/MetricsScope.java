package dev.perfkit.core.metrics;

/**
 * The metrics of one invocation: collected from any thread, written as one EMF document by {@link
 * #flush()} (more only where EMF's limits force a split), or none when nothing was recorded.
 *
 * <p>Names are shared by metrics, dimensions and properties: a name used for one kind cannot be
 * used for another in the same scope. After {@link #flush()} the scope is spent and every recording
 * method throws {@link IllegalStateException}.
 */
public interface MetricsScope extends AutoCloseable {

  /**
   * Records {@code value} for metric {@code name} at standard resolution.
   *
   * @param name the metric's name: 1 to 1024 characters, not blank, not {@code _aws}
   * @param value a finite number
   * @param unit the metric's unit, the same at every recording of {@code name}
   * @return this scope
   * @throws IllegalArgumentException as {@link #put(String, double, MetricUnit, StorageResolution)}
   * @throws IllegalStateException after {@link #flush()}
   */
  default MetricsScope put(String name, double value, MetricUnit unit) {
    return put(name, value, unit, StorageResolution.STANDARD);
  }

  /**
   * Records {@code value} for metric {@code name}. Recording a name again adds a value to it (the
   * document then holds an array); the unit and resolution must stay the same.
   *
   * @param name the metric's name: 1 to 1024 characters, not blank, not {@code _aws}
   * @param value a finite number
   * @param unit the metric's unit, the same at every recording of {@code name}
   * @param resolution the metric's storage resolution, the same at every recording of {@code name}
   * @return this scope
   * @throws IllegalArgumentException for an invalid name, a non-finite value, a unit or resolution
   *     that differs from the first recording, or a name already used by a dimension or property
   * @throws IllegalStateException after {@link #flush()}
   */
  MetricsScope put(String name, double value, MetricUnit unit, StorageResolution resolution);

  /**
   * Sets the value of dimension {@code key}, which must appear in one of the emitter's dimension
   * sets. Setting it again replaces the value.
   *
   * @param key a key of one of the emitter's dimension sets
   * @param value 1 to 1024 printable ASCII characters, not blank
   * @return this scope
   * @throws IllegalArgumentException when {@code key} is in no dimension set or {@code value} is
   *     invalid
   * @throws IllegalStateException after {@link #flush()}
   */
  MetricsScope dimension(String key, String value);

  /**
   * Adds a non-dimension field, e.g. the request id; searchable in Logs Insights, not a metric.
   * Setting it again replaces the value.
   *
   * @param key the field's name: not blank, not {@code _aws}, and not a dimension key or a metric
   *     name of this scope
   * @param value the text; not null
   * @return this scope
   * @throws IllegalArgumentException when {@code key} is invalid or already names a dimension or
   *     metric
   * @throws IllegalStateException after {@link #flush()}
   */
  MetricsScope property(String key, String value);

  /**
   * Adds a numeric non-dimension field, e.g. the memory size. Setting it again replaces the value.
   *
   * @param key the field's name: not blank, not {@code _aws}, and not a dimension key or a metric
   *     name of this scope
   * @param value the number
   * @return this scope
   * @throws IllegalArgumentException when {@code key} is invalid or already names a dimension or
   *     metric
   * @throws IllegalStateException after {@link #flush()}
   */
  MetricsScope property(String key, long value);

  /**
   * Adds a numeric non-dimension field. Setting it again replaces the value.
   *
   * @param key the field's name: not blank, not {@code _aws}, and not a dimension key or a metric
   *     name of this scope
   * @param value a finite number
   * @return this scope
   * @throws IllegalArgumentException when {@code value} is not finite, or {@code key} is invalid or
   *     already names a dimension or metric
   * @throws IllegalStateException after {@link #flush()}
   */
  MetricsScope property(String key, double value);

  /**
   * Adds a boolean non-dimension field, e.g. whether this was a cold start. Setting it again
   * replaces the value.
   *
   * @param key the field's name: not blank, not {@code _aws}, and not a dimension key or a metric
   *     name of this scope
   * @param value the flag
   * @return this scope
   * @throws IllegalArgumentException when {@code key} is invalid or already names a dimension or
   *     metric
   * @throws IllegalStateException after {@link #flush()}
   */
  MetricsScope property(String key, boolean value);

  /**
   * Writes the collected metrics to the sink and ends the scope; a second call does nothing.
   *
   * @throws IllegalStateException when a dimension named in a set has no value; nothing is written
   *     and the scope stays open, so the value can be supplied and flush called again
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
