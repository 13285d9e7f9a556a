package dev.perfkit.core.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The part of a document that is the same in every invocation, rendered once: the {@code
 * CloudWatchMetrics} directive (namespace, dimension sets, each metric's name and unit) depends
 * only on which metrics were recorded, in which order, and is kept per such list (and list of
 * property keys) in a small bounded cache, pre-encoded as UTF-8 with the member names.
 */
final class LayoutCache {

  /** Distinct layouts kept; a function records a handful. */
  private static final int SLOTS = 64;

  private final JsonFactory factory;
  private final String namespace;
  private final String dimensionSetsJson;

  /** Direct-mapped by hash: a collision renders again, it never serves the wrong layout. */
  private final AtomicReferenceArray<Layout> layouts = new AtomicReferenceArray<>(SLOTS);

  LayoutCache(JsonFactory factory, String namespace, List<List<String>> dimensionSets) {
    this.factory = factory;
    this.namespace = namespace;
    this.dimensionSetsJson = renderDimensionSets(dimensionSets);
  }

  /** The cached layout of these metrics and the scope's properties, rendered on a miss. */
  Layout layout(EmfScope scope, int[] selection, int start, int count) {
    int hash = 1;
    for (int i = start; i < start + count; i++) {
      int metric = selection[i];
      hash = 31 * hash + scope.metricName(metric).hashCode();
      hash = 31 * hash + scope.unit(metric).hashCode();
      hash = 31 * hash + scope.resolution(metric).hashCode();
    }
    for (int i = 0; i < scope.propertyCount(); i++) {
      hash = 31 * hash + scope.propertyKey(i).hashCode();
    }
    int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
    Layout cached = layouts.get(slot);
    if (cached != null && cached.hash == hash && cached.describes(scope, selection, start, count)) {
      return cached;
    }
    Layout rendered = render(hash, scope, selection, start, count);
    layouts.set(slot, rendered);
    return rendered;
  }

  /** A string whose UTF-8 bytes, quoted and raw, are computed now rather than on first use. */
  static SerializableString encoded(String text) {
    SerializedString encoded = new SerializedString(text);
    encoded.asQuotedUTF8();
    encoded.asUnquotedUTF8();
    return encoded;
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

  /**
   * What one list of metric definitions and property keys looks like in a document: the rendered
   * directive and the encoded member names.
   */
  static final class Layout {
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
        if (!names[i].equals(scope.metricName(metric))
            || units[i] != scope.unit(metric)
            || resolutions[i] != scope.resolution(metric)) {
          return false;
        }
      }
      for (int i = 0; i < properties.length; i++) {
        if (!properties[i].equals(scope.propertyKey(i))) {
          return false;
        }
      }
      return true;
    }
  }
}
