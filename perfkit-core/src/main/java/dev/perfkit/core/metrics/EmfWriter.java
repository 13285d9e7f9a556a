package dev.perfkit.core.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Serialises a scope with Jackson's streaming generator, splitting only where EMF's limits force
 * it (100 metrics per directive, 100 values per metric).
 *
 * <p>Most of a document is the same in every invocation: the {@code CloudWatchMetrics} directive
 * (namespace, dimension sets, each metric's name and unit) depends only on which metrics were
 * recorded, in which order. It is rendered once per such list (and list of property keys), kept in
 * a small bounded cache and copied in as pre-encoded UTF-8 with {@link
 * JsonGenerator#writeRawValue(SerializableString)}, as are the member names and the default
 * dimension values; the generator encodes only what changes (timestamp, dimension and property
 * values, metric values). Each thread keeps one generator and buffer per writer.
 */
final class EmfWriter {

  /** A buffer that grew past this (a very large scope) is not kept for the next flush. */
  private static final int RETAINED_BUFFER_BYTES = 64 * 1024;

  /** Distinct layouts kept; a function records a handful. */
  private static final int LAYOUT_CACHE_SLOTS = 64;

  /** Positions 0..99: the selection of a document that holds every metric of its scope. */
  private static final int[] EVERY_METRIC = new int[Names.MAX_METRICS_PER_DOCUMENT];

  static {
    for (int i = 0; i < EVERY_METRIC.length; i++) {
      EVERY_METRIC[i] = i;
    }
  }

  private static final SerializableString AWS = encoded(Names.METADATA_KEY);
  private static final SerializableString TIMESTAMP = encoded("Timestamp");
  private static final SerializableString CLOUDWATCH_METRICS = encoded("CloudWatchMetrics");

  private final JsonFactory factory;
  private final String namespace;
  private final String dimensionSetsJson;
  private final SerializableString[] dimensionKeys;
  private final String[] defaultDimensionValues;
  private final SerializableString[] encodedDefaultDimensionValues;
  private final MetricsSink sink;
  /** Direct-mapped by hash: a collision renders again, it never serves the wrong layout. */
  private final AtomicReferenceArray<Layout> layouts =
      new AtomicReferenceArray<>(LAYOUT_CACHE_SLOTS);
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
    this.namespace = namespace;
    this.dimensionSetsJson = renderDimensionSets(dimensionSets);
    this.dimensionKeys =
        dimensionKeys.stream().map(EmfWriter::encoded).toArray(SerializableString[]::new);
    this.defaultDimensionValues = defaultDimensionValues.clone();
    this.encodedDefaultDimensionValues = new SerializableString[defaultDimensionValues.length];
    for (int i = 0; i < defaultDimensionValues.length; i++) {
      if (defaultDimensionValues[i] != null) {
        encodedDefaultDimensionValues[i] = encoded(defaultDimensionValues[i]);
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
      layout = layout(scope, selection, start, count);
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
        if (value == defaultDimensionValues[i]) {
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
          writeNumber(generator, scope.value(metric, from), output.digits);
        } else {
          generator.writeStartArray();
          for (int j = from; j < to; j++) {
            writeNumber(generator, scope.value(metric, j), output.digits);
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
          writeNumber(
              generator, Double.longBitsToDouble(scope.propertyNumber(property)), digits);
      default -> generator.writeBoolean(scope.propertyNumber(property) != 0);
    }
  }

  /** The cached layout of these metrics and the scope's properties, rendered on a miss. */
  private Layout layout(EmfScope scope, int[] selection, int start, int count) {
    int hash = 1;
    for (int i = start; i < start + count; i++) {
      int metric = selection[i];
      hash = 31 * hash + scope.metricName(metric).hashCode();
      hash = 31 * hash + scope.unit(metric).ordinal() * 2 + scope.resolution(metric).ordinal();
    }
    for (int i = 0; i < scope.propertyCount(); i++) {
      hash = 31 * hash + scope.propertyKey(i).hashCode();
    }
    int slot = (hash ^ (hash >>> 16)) & (LAYOUT_CACHE_SLOTS - 1);
    Layout cached = layouts.get(slot);
    if (cached != null && cached.hash == hash && cached.describes(scope, selection, start, count)) {
      return cached;
    }
    Layout rendered = render(hash, scope, selection, start, count);
    layouts.set(slot, rendered);
    return rendered;
  }

  private Layout render(int hash, EmfScope scope, int[] selection, int start, int count) {
    String[] names = new String[count];
    MetricUnit[] units = new MetricUnit[count];
    StorageResolution[] resolutions = new StorageResolution[count];
    SerializableString[] metricKeys = new SerializableString[count];
    StringWriter json = new StringWriter();
    try (JsonGenerator generator = factory.createGenerator(json)) {
      generator.writeStartArray();
      generator.writeStartObject();
      generator.writeStringField("Namespace", namespace);
      generator.writeFieldName("Dimensions");
      generator.writeRawValue(dimensionSetsJson);
      generator.writeFieldName("Metrics");
      generator.writeStartArray();
      for (int i = 0; i < count; i++) {
        int metric = selection[start + i];
        names[i] = scope.metricName(metric);
        units[i] = scope.unit(metric);
        resolutions[i] = scope.resolution(metric);
        metricKeys[i] = encoded(names[i]);
        generator.writeStartObject();
        generator.writeStringField("Name", names[i]);
        generator.writeStringField("Unit", units[i].cloudWatchName());
        if (resolutions[i] == StorageResolution.HIGH) {
          generator.writeNumberField("StorageResolution", StorageResolution.HIGH.seconds());
        }
        generator.writeEndObject();
      }
      generator.writeEndArray();
      generator.writeEndObject();
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not render an EMF directive", e);
    }
    String[] properties = new String[scope.propertyCount()];
    SerializableString[] propertyKeys = new SerializableString[properties.length];
    for (int i = 0; i < properties.length; i++) {
      properties[i] = scope.propertyKey(i);
      propertyKeys[i] = encoded(properties[i]);
    }
    return new Layout(
        hash,
        names,
        units,
        resolutions,
        properties,
        encoded(json.toString()),
        metricKeys,
        propertyKeys);
  }

  /** The dimension sets never change, so their JSON is rendered once. */
  private String renderDimensionSets(List<List<String>> sets) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = factory.createGenerator(out)) {
      generator.writeStartArray();
      for (List<String> set : sets) {
        generator.writeStartArray();
        for (String key : set) {
          generator.writeString(key);
        }
        generator.writeEndArray();
      }
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A string whose UTF-8 bytes, quoted and raw, are computed now rather than on first use. */
  private static SerializableString encoded(String text) {
    SerializedString encoded = new SerializedString(text);
    encoded.asQuotedUTF8();
    encoded.asUnquotedUTF8();
    return encoded;
  }

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  /** Beyond this a double no longer holds every integer. */
  private static final double EXACT_INTEGERS = 0x1p53;

  /** Below this, as Java does, an exponent is shorter than the zeros of a fixed point. */
  private static final double SMALLEST_FIXED_POINT = 1e-3;

  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  /**
   * Writes {@code value} as the shortest fixed-point decimal, up to 15 places, that reads back as
   * exactly {@code value}; a whole number without a fraction ({@code 1}, not {@code 1.0}: EMF takes
   * any JSON number). No String is made: Jackson's double writer makes one per value.
   *
   * <p>{@code m / 10^k} is the correctly rounded quotient of two exact doubles, i.e. the double
   * nearest to the decimal m·10^-k, which is what a JSON reader makes of that decimal; so when it
   * equals {@code value}, the text round-trips. Other values (1/3, 0.0001, 1e300, -0.0) take
   * Jackson's shortest representation.
   */
  static void writeNumber(JsonGenerator generator, double value, char[] digits)
      throws IOException {
    double magnitude = Math.abs(value);
    long whole = (long) value;
    boolean exact = magnitude < EXACT_INTEGERS;
    if (whole == value) {
      if (exact && Double.doubleToRawLongBits(value) != NEGATIVE_ZERO) {
        generator.writeNumber(whole);
        return;
      }
    } else if (exact && magnitude >= SMALLEST_FIXED_POINT) {
      for (int places = 1; places < POWERS_OF_TEN.length; places++) {
        double scaled = value * POWERS_OF_TEN[places];
        if (Math.abs(scaled) >= EXACT_INTEGERS) {
          break;
        }
        long unscaled = (long) Math.rint(scaled);
        // Necessary for the exact check below, and it spares that division where it must fail.
        if (Math.abs(scaled - unscaled) <= Math.abs(scaled) * 0x1p-51
            && unscaled / POWERS_OF_TEN[places] == value) {
          int begin = formatDecimal(unscaled, places, digits);
          generator.writeNumber(digits, begin, digits.length - begin);
          return;
        }
      }
    }
    generator.writeNumber(value);
  }

  /** Writes unscaled·10^-places at the end of {@code digits}; returns where it starts. */
  private static int formatDecimal(long unscaled, int places, char[] digits) {
    int position = digits.length;
    long rest = Math.abs(unscaled);
    int written = 0;
    do {
      digits[--position] = (char) ('0' + rest % 10);
      rest /= 10;
      if (++written == places) {
        digits[--position] = '.';
      }
    } while (rest != 0 || written <= places);
    if (unscaled < 0) {
      digits[--position] = '-';
    }
    return position;
  }

  /**
   * What one list of metric definitions and property keys looks like in a document: the rendered
   * directive and the encoded member names.
   */
  private static final class Layout {
    final int hash;
    final String[] names;
    final MetricUnit[] units;
    final StorageResolution[] resolutions;
    final String[] properties;
    final SerializableString directive;
    final SerializableString[] metricKeys;
    final SerializableString[] propertyKeys;

    Layout(
        int hash,
        String[] names,
        MetricUnit[] units,
        StorageResolution[] resolutions,
        String[] properties,
        SerializableString directive,
        SerializableString[] metricKeys,
        SerializableString[] propertyKeys) {
      this.hash = hash;
      this.names = names;
      this.units = units;
      this.resolutions = resolutions;
      this.properties = properties;
      this.directive = directive;
      this.metricKeys = metricKeys;
      this.propertyKeys = propertyKeys;
    }

    boolean describes(EmfScope scope, int[] selection, int start, int count) {
      if (names.length != count || properties.length != scope.propertyCount()) {
        return false;
      }
      for (int i = 0; i < count; i++) {
        int metric = selection[start + i];
        if (!same(names[i], scope.metricName(metric))
            || units[i] != scope.unit(metric)
            || resolutions[i] != scope.resolution(metric)) {
          return false;
        }
      }
      for (int i = 0; i < properties.length; i++) {
        if (!same(properties[i], scope.propertyKey(i))) {
          return false;
        }
      }
      return true;
    }

    private static boolean same(String cached, String recorded) {
      return cached == recorded || cached.equals(recorded);
    }
  }

  /** One thread's generator, the buffer it writes to, and room to format a number. */
  private final class Output {
    final Buffer buffer = new Buffer();
    final JsonGenerator generator;
    final char[] digits = new char[32];
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
