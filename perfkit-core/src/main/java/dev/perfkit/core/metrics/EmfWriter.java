package dev.perfkit.core.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Serialises a scope with Jackson's streaming generator into a per-thread reusable buffer, splitting
 * only where EMF's limits force it (100 metrics per directive, 100 values per metric).
 */
final class EmfWriter {

  /** A buffer that grew past this (a very large scope) is not kept for the next flush. */
  private static final int RETAINED_BUFFER_BYTES = 64 * 1024;

  private static final SerializableString AWS = new SerializedString(Names.METADATA_KEY);
  private static final SerializableString TIMESTAMP = new SerializedString("Timestamp");
  private static final SerializableString CLOUDWATCH_METRICS =
      new SerializedString("CloudWatchMetrics");
  private static final SerializableString NAMESPACE = new SerializedString("Namespace");
  private static final SerializableString DIMENSIONS = new SerializedString("Dimensions");
  private static final SerializableString METRICS = new SerializedString("Metrics");
  private static final SerializableString NAME = new SerializedString("Name");
  private static final SerializableString UNIT = new SerializedString("Unit");
  private static final SerializableString STORAGE_RESOLUTION =
      new SerializedString("StorageResolution");

  private final JsonFactory factory;
  private final SerializableString namespace;
  private final String dimensionsJson;
  private final MetricsSink sink;
  private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);

  EmfWriter(String namespace, List<List<String>> dimensionSets, MetricsSink sink) {
    this.factory =
        JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    this.namespace = new SerializedString(namespace);
    this.dimensionsJson = renderDimensionSets(factory, dimensionSets);
    this.sink = sink;
  }

  /** The dimension sets never change, so their JSON is rendered once. */
  private static String renderDimensionSets(JsonFactory factory, List<List<String>> sets) {
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

  void write(
      long timestamp,
      Map<String, String> dimensions,
      Map<String, Object> properties,
      Collection<EmfScope.Metric> metrics) {
    int mostValues = 0;
    for (EmfScope.Metric metric : metrics) {
      mostValues = Math.max(mostValues, metric.size());
    }
    if (metrics.size() <= Names.MAX_METRICS_PER_DOCUMENT
        && mostValues <= Names.MAX_VALUES_PER_METRIC) {
      writeDocument(timestamp, dimensions, properties, metrics, 0);
      return;
    }
    // Round r carries values [100r, 100r+100) of every metric that has that many.
    for (int from = 0; from < mostValues; from += Names.MAX_VALUES_PER_METRIC) {
      List<EmfScope.Metric> round = new ArrayList<>();
      for (EmfScope.Metric metric : metrics) {
        if (metric.size() > from) {
          round.add(metric);
        }
      }
      for (int i = 0; i < round.size(); i += Names.MAX_METRICS_PER_DOCUMENT) {
        List<EmfScope.Metric> chunk =
            round.subList(i, Math.min(i + Names.MAX_METRICS_PER_DOCUMENT, round.size()));
        writeDocument(timestamp, dimensions, properties, chunk, from);
      }
    }
  }

  private void writeDocument(
      long timestamp,
      Map<String, String> dimensions,
      Map<String, Object> properties,
      Collection<EmfScope.Metric> metrics,
      int from) {
    Buffer buffer = buffers.get();
    buffer.reset();
    try (JsonGenerator generator = factory.createGenerator(buffer)) {
      generator.writeStartObject();
      generator.writeFieldName(AWS);
      generator.writeStartObject();
      generator.writeFieldName(TIMESTAMP);
      generator.writeNumber(timestamp);
      generator.writeFieldName(CLOUDWATCH_METRICS);
      generator.writeStartArray();
      generator.writeStartObject();
      generator.writeFieldName(NAMESPACE);
      generator.writeString(namespace);
      generator.writeFieldName(DIMENSIONS);
      generator.writeRawValue(dimensionsJson);
      generator.writeFieldName(METRICS);
      generator.writeStartArray();
      for (EmfScope.Metric metric : metrics) {
        generator.writeStartObject();
        generator.writeFieldName(NAME);
        generator.writeString(metric.name);
        generator.writeFieldName(UNIT);
        generator.writeString(metric.unit.cloudWatchName());
        if (metric.resolution == StorageResolution.HIGH) {
          generator.writeFieldName(STORAGE_RESOLUTION);
          generator.writeNumber(StorageResolution.HIGH.seconds());
        }
        generator.writeEndObject();
      }
      generator.writeEndArray();
      generator.writeEndObject();
      generator.writeEndArray();
      generator.writeEndObject();

      for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
        generator.writeStringField(dimension.getKey(), dimension.getValue());
      }
      for (Map.Entry<String, Object> property : properties.entrySet()) {
        writeProperty(generator, property.getKey(), property.getValue());
      }
      for (EmfScope.Metric metric : metrics) {
        generator.writeFieldName(metric.name);
        int to = Math.min(metric.size(), from + Names.MAX_VALUES_PER_METRIC);
        if (to - from == 1) {
          generator.writeNumber(metric.value(from));
        } else {
          generator.writeStartArray();
          for (int i = from; i < to; i++) {
            generator.writeNumber(metric.value(i));
          }
          generator.writeEndArray();
        }
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("could not serialise an EMF document", e);
    }
    try {
      sink.write(buffer.array(), 0, buffer.size());
    } catch (IOException e) {
      throw new UncheckedIOException("the metrics sink failed to write an EMF document", e);
    } finally {
      if (buffer.array().length > RETAINED_BUFFER_BYTES) {
        buffers.remove();
      }
    }
  }

  private static void writeProperty(JsonGenerator generator, String key, Object value)
      throws IOException {
    generator.writeFieldName(key);
    if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof Long number) {
      generator.writeNumber(number);
    } else if (value instanceof Double number) {
      generator.writeNumber(number);
    } else {
      generator.writeBoolean((Boolean) value);
    }
  }

  /** A byte buffer whose backing array the sink reads directly. */
  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(2048);
    }

    byte[] array() {
      return buf;
    }
  }
}
