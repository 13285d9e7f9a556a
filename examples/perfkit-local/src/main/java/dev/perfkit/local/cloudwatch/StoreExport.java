package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Writes the store, its usage and the dashboards as one JSON document. */
final class StoreExport {

  private static final JsonFactory JSON = new JsonFactory();

  private StoreExport() {}

  static void write(
      OutputStream out,
      Instant exportedAt,
      StoreUsage usage,
      MetricStore store,
      Dashboards dashboards)
      throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("exportedAt", exportedAt.toString());
      json.writeObjectFieldStart("usage");
      json.writeNumberField("metrics", usage.metrics());
      json.writeNumberField("buckets", usage.buckets());
      json.writeNumberField("bucketLimit", usage.bucketLimit());
      json.writeNumberField("rawValues", usage.rawValues());
      json.writeNumberField("rawValueLimit", usage.rawValueLimit());
      json.writeNumberField("refusedSamples", usage.refusedSamples());
      json.writeNumberField("valuesWithoutPercentiles", usage.valuesWithoutPercentiles());
      json.writeNumberField("emfDocumentsExtracted", usage.emfDocumentsExtracted());
      json.writeNumberField("emfDocumentsRejected", usage.emfDocumentsRejected());
      json.writeEndObject();
      json.writeArrayFieldStart("metrics");
      try {
        store.forEach(
            (key, buckets) -> {
              try {
                metric(json, key, buckets);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("dashboards");
      for (Dashboards.Dashboard dashboard : dashboards.list("")) {
        json.writeStartObject();
        json.writeStringField("name", dashboard.name());
        json.writeStringField("lastModified", dashboard.lastModified().toString());
        json.writeStringField("body", dashboard.body());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static void metric(JsonGenerator json, MetricKey key, Iterable<Bucket> buckets)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("namespace", key.namespace());
    json.writeStringField("metricName", key.name());
    json.writeArrayFieldStart("dimensions");
    for (Dimension dimension : key.dimensions()) {
      json.writeStartObject();
      json.writeStringField("name", dimension.name());
      json.writeStringField("value", dimension.value());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("datapoints");
    for (Bucket bucket : buckets) {
      json.writeStartObject();
      json.writeStringField("timestamp", Instant.ofEpochSecond(bucket.epochSecond).toString());
      json.writeNumberField("storageResolution", bucket.resolution.seconds());
      json.writeStringField("unit", bucket.unit.cloudWatchName());
      json.writeNumberField("sampleCount", bucket.sampleCount);
      json.writeNumberField("sum", bucket.sum);
      json.writeNumberField("minimum", bucket.minimum);
      json.writeNumberField("maximum", bucket.maximum);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
