package dev.perfkit.core.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import dev.perfkit.core.metrics.LayoutCache.Layout;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Serialises a scope with Jackson's streaming generator, splitting only where EMF's limits force it
 * (100 metrics per directive, 100 values per metric).
 *
 * <p>Most of a document is the same in every invocation: the {@code CloudWatchMetrics} directive
 * comes from the {@link LayoutCache} and is copied in as pre-encoded UTF-8 with {@link
 * JsonGenerator#writeRawValue(SerializableString)}, as are the member names and the default
 * dimension values; the generator encodes only what changes (timestamp, dimension and property
 * values, metric values, as {@link ShortestDecimal}s). Each thread keeps one generator and buffer
 * per writer.
 */
final class EmfWriter {

  /** A buffer that grew past this (a very large scope) is not kept for the next flush. */
  private static final int RETAINED_BUFFER_BYTES = 64 * 1024;

  /** Positions 0..99: the selection of a document that holds every metric of its scope. */
  private static final int[] EVERY_METRIC = new int[Names.MAX_METRICS_PER_DOCUMENT];

  static {
    for (int i = 0; i < EVERY_METRIC.length; i++) {
      EVERY_METRIC[i] = i;
    }
  }

  private static final SerializableString AWS = LayoutCache.encoded(Names.METADATA_KEY);
  private static final SerializableString TIMESTAMP = LayoutCache.encoded("Timestamp");
  private static final SerializableString CLOUDWATCH_METRICS =
      LayoutCache.encoded("CloudWatchMetrics");

  private final JsonFactory factory;
  private final LayoutCache layouts;
  private final SerializableString[] dimensionKeys;
  private final String[] defaultDimensionValues;
  private final SerializableString[] encodedDefaultDimensionValues;
  private final MetricsSink sink;
  private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);

  EmfWriter(
      String namespace,
      List<List<String>> dimensionSets,
      List<String> dimensionKeys,
      String[] defaultDimensionValues,
      MetricsSink sink) {
    this.factory =
        new JsonFactoryBuilder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            // One generator writes document after document: nothing between them.
            .rootValueSeparator((SerializableString) null)
            // The per-thread generator keeps its buffers for good; lending them from the shared
            // pool would leave the application's own Jackson calls on that thread without.
            .recyclerPool(JsonRecyclerPools.nonRecyclingPool())
            .build();
    this.layouts = new LayoutCache(factory, namespace, dimensionSets);
    this.dimensionKeys =
        dimensionKeys.stream().map(LayoutCache::encoded).toArray(SerializableString[]::new);
    this.defaultDimensionValues = defaultDimensionValues.clone();
    this.encodedDefaultDimensionValues = new SerializableString[defaultDimensionValues.length];
    for (int i = 0; i < defaultDimensionValues.length; i++) {
      if (defaultDimensionValues[i] != null) {
        encodedDefaultDimensionValues[i] = LayoutCache.encoded(defaultDimensionValues[i]);
      }
    }
    this.sink = sink;
  }

  void write(long timestamp, EmfScope scope) {
    int metricCount = scope.metricCount();
    int mostValues = 0;
    for (int i = 0; i < metricCount; i++) {
      mostValues = Math.max(mostValues, scope.valueCount(i));
    }
    if (metricCount <= Names.MAX_METRICS_PER_DOCUMENT
        && mostValues <= Names.MAX_VALUES_PER_METRIC) {
      writeDocument(timestamp, scope, EVERY_METRIC, 0, metricCount, 0);
      return;
    }
    // Round r carries values [100r, 100r+100) of every metric that has that many.
    int[] round = new int[metricCount];
    for (int from = 0; from < mostValues; from += Names.MAX_VALUES_PER_METRIC) {
      int size = 0;
      for (int i = 0; i < metricCount; i++) {
        if (scope.valueCount(i) > from) {
          round[size++] = i;
        }
      }
      for (int start = 0; start < size; start += Names.MAX_METRICS_PER_DOCUMENT) {
        int count = Math.min(Names.MAX_METRICS_PER_DOCUMENT, size - start);
        writeDocument(timestamp, scope, round, start, count, from);
      }
    }
  }

  /** One document: the metrics at selection[start, start + count), values from {@code from}. */
  private void writeDocument(
      long timestamp, EmfScope scope, int[] selection, int start, int count, int from) {
    Output output = outputs.get();
    Layout layout = output.lastLayout;
    if (layout == null || !layout.describes(scope, selection, start, count)) {
      layout = layouts.layout(scope, selection, start, count);
      output.lastLayout = layout;
    }
    JsonGenerator generator = output.generator;
    boolean written = false;
    try {
      generator.writeStartObject();
      generator.writeFieldName(AWS);
      generator.writeStartObject();
      generator.writeFieldName(TIMESTAMP);
      generator.writeNumber(timestamp);
      generator.writeFieldName(CLOUDWATCH_METRICS);
      generator.writeRawValue(layout.directive);
      generator.writeEndObject();

      for (int i = 0; i < dimensionKeys.length; i++) {
        generator.writeFieldName(dimensionKeys[i]);
        String value = scope.dimensionValue(i);
        if (Objects.equals(value, defaultDimensionValues[i])) {
          generator.writeString(encodedDefaultDimensionValues[i]);
        } else {
          generator.writeString(value);
        }
      }
      for (int i = 0; i < layout.propertyKeys.length; i++) {
        generator.writeFieldName(layout.propertyKeys[i]);
        writeProperty(generator, scope, i, output.digits);
      }
      for (int i = 0; i < count; i++) {
        int metric = selection[start + i];
        generator.writeFieldName(layout.metricKeys[i]);
        int to = Math.min(scope.valueCount(metric), from + Names.MAX_VALUES_PER_METRIC);
        if (to - from == 1) {
          ShortestDecimal.write(generator, scope.value(metric, from), output.digits);
        } else {
          generator.writeStartArray();
          for (int j = from; j < to; j++) {
            ShortestDecimal.write(generator, scope.value(metric, j), output.digits);
          }
          generator.writeEndArray();
        }
      }
      generator.writeEndObject();
      generator.flush();
      written = true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialise an EMF document", e);
    } finally {
      if (!written) {
        // The generator stopped inside a document: start the next one afresh.
        outputs.remove();
      }
    }
    Buffer buffer = output.buffer;
    try {
      sink.write(buffer.array(), 0, buffer.size());
    } catch (IOException e) {
      throw new UncheckedIOException("the metrics sink failed to write an EMF document", e);
    } finally {
      buffer.reset();
      if (buffer.array().length > RETAINED_BUFFER_BYTES) {
        outputs.remove();
      }
    }
  }

  private static void writeProperty(
      JsonGenerator generator, EmfScope scope, int property, char[] digits) throws IOException {
    switch (scope.propertyKind(property)) {
      case EmfScope.TEXT -> generator.writeString(scope.propertyText(property));
      case EmfScope.LONG -> generator.writeNumber(scope.propertyNumber(property));
      case EmfScope.DOUBLE ->
          ShortestDecimal.write(
              generator, Double.longBitsToDouble(scope.propertyNumber(property)), digits);
      default -> generator.writeBoolean(scope.propertyNumber(property) != 0);
    }
  }

  /** One thread's generator, the buffer it writes to, and room to format a number. */
  private final class Output {
    final Buffer buffer = new Buffer();
    final JsonGenerator generator;
    final char[] digits = new char[ShortestDecimal.MAX_LENGTH];

    /** The layout of this thread's previous document: usually the next one's too. */
    Layout lastLayout;

    Output() {
      try {
        generator = factory.createGenerator(buffer);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * A byte buffer whose backing array the sink reads directly; unlike {@link
   * java.io.ByteArrayOutputStream}, without a lock: one thread owns it.
   */
  private static final class Buffer extends OutputStream {
    private byte[] bytes = new byte[2048];
    private int size;

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, bytes, size, length);
      size += length;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    byte[] array() {
      return bytes;
    }

    int size() {
      return size;
    }

    void reset() {
      size = 0;
    }
  }
}
